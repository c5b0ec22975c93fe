"""Failures an operator can fix, as they see them: the real `plcbot` in a subprocess says in one
line what is wrong and what to do, exits 2, and shows no traceback unless --debug."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.databases import with_database

ROOT = Path(__file__).resolve().parents[2]


def plcbot(
    *args: str, cwd: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """`plcbot ARGS` with no platform credentials and no database in the environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("PLCBOT_CONFIG", None)
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "plcbot", *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_clean_failure(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    said = done.stderr.strip()
    assert said.startswith("plcbot: ") and len(said.splitlines()) == 1, said
    for words in expected:
        assert words in said, said


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_database_that_refuses_connections(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://plcbot:hunter2@127.0.0.1:{closed_port()}/plcbot"
    done = plcbot("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": url})
    assert_clean_failure(done, "refused the connection", "start PostgreSQL", "DATABASE_URL")
    assert "hunter2" not in done.stderr


@pytest.mark.postgres
def test_a_database_that_does_not_exist(tmp_path: Path, postgres_server: str) -> None:
    url = with_database(postgres_server, "plcbot_no_such_database")
    done = plcbot("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": url})
    assert_clean_failure(done, "'plcbot_no_such_database' does not exist", "create it")


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    done = plcbot("db", "upgrade", cwd=tmp_path)
    assert_clean_failure(done, "[bot] data_dir:", "is a file, not a folder")


def _read_only(folder: Path) -> tuple[str, ...]:
    """A prefix that runs the command with `folder` read-only: by its mode for an ordinary
    account; for root (whom modes do not stop), on a read-only bind mount of its own."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return ()
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], check=False).returncode:
        pytest.skip("running as root without mount namespaces: no way to make a folder read-only")
    mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder}"
    return (unshare, "-m", "sh", "-c", f'{mount} && exec "$@"', "sh")


def test_a_data_folder_that_is_read_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    done = plcbot("db", "upgrade", cwd=tmp_path, prefix=_read_only(data))
    assert_clean_failure(done, "[bot] data_dir: cannot write in", "make it writable")


def test_a_config_path_that_is_a_folder(tmp_path: Path) -> None:
    done = plcbot("--config", str(tmp_path), "run", cwd=tmp_path)
    assert_clean_failure(done, "is a folder; give the path of a .toml file")


def test_a_config_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "latin1.toml").write_bytes('[bot]\ndefault_timezone = "América"\n'.encode("cp1252"))
    done = plcbot("run", "--config", "latin1.toml", cwd=tmp_path)
    assert_clean_failure(done, "latin1.toml: not UTF-8", "save it as UTF-8")


@pytest.mark.parametrize(
    ("variables", "missing"),
    [
        ({"SLACK_SIGNING_SECRET": "s3cret"}, "SLACK_BOT_TOKEN: missing"),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2"}, "SLACK_SIGNING_SECRET: missing"),
        (
            {"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "s3cret"},
            "SLACK_CLIENT_SECRET: missing; it goes with SLACK_CLIENT_ID: copy it from your "
            "app's Basic Information page",
        ),
    ],
)
def test_a_variable_without_its_partner(
    tmp_path: Path, variables: dict[str, str], missing: str
) -> None:
    done = plcbot("run", cwd=tmp_path, env=variables)
    assert_clean_failure(done, missing)
    assert "s3cret" not in done.stderr and "xoxb-1-2" not in done.stderr


def test_the_config_option_works_after_the_command(tmp_path: Path) -> None:
    (tmp_path / "here.toml").write_text('[bot]\ndata_dir = "elsewhere"\n')
    done = plcbot("db", "upgrade", "--config", "here.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "elsewhere" / "plcbot.sqlite3").exists()
    assert not (tmp_path / "data").exists()

    (tmp_path / "wrong.toml").write_text('[scheduler]\nenabled = "false"\n')
    done = plcbot("run", "--config", "wrong.toml", cwd=tmp_path)
    assert_clean_failure(done, "wrong.toml: [scheduler] enabled: must be true or false")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    done = plcbot("db", "upgrade", "--debug", cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "is a file, not a folder" in done.stderr
