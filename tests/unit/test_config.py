from pathlib import Path

import pytest

from bot.config import ConfigError
from plcbot.registry import load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_config_is_valid_and_secrets_come_from_the_environment() -> None:
    config = load_config(
        ROOT / "config.example.toml", env={"DATABASE_URL": "postgresql+asyncpg://u@h/db"}
    )
    assert config.default_timezone == "America/Chicago"
    assert config.database_url == "postgresql+asyncpg://u@h/db"
    assert config.scheduler.misfire_grace_minutes == 60


def test_the_scheduler_runs_in_a_process_of_its_own_unless_told_inline() -> None:
    assert load_config(None, env={}).scheduler.process == "separate"
    inline = parse_config({"scheduler": {"process": "inline"}}, {})
    assert inline.scheduler.process == "inline"


def test_no_file_means_the_embedded_default() -> None:
    config = load_config(None, env={})
    assert config.database_url is None and config.sqlite_path.name == "plcbot.sqlite3"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"bot": {"default_timezone": "Mars/Base"}},
            "[bot] default_timezone: 'Mars/Base' is not an IANA time zone",
        ),
        (
            {"scheduler": {"poll_seconds": 0}},
            "[scheduler] poll_seconds: must be a number of seconds from 1 to 3600",
        ),
        (
            {"scheduler": {"process": "thread"}},
            '[scheduler] process: must be "separate" or "inline", not \'thread\'',
        ),
        ({"slack": {"token": "x"}}, "[slack] token: unknown key"),
        (
            {"discord": {"shard_count": 2, "shard_ids": [2]}},
            "[discord] shard_ids: every id must be below shard_count (2)",
        ),
        (
            {"database": {"url": "mysql://x"}},
            "must start with sqlite+aiosqlite:// or postgresql+asyncpg://",
        ),
        ({"nonsense": {}}, "[nonsense]: unknown section"),
    ],
)
def test_a_config_error_names_the_key_and_what_is_wrong(raw: dict, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(raw, {})
    assert message in str(error.value)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("[bot\n")
    with pytest.raises(ConfigError, match=r"c\.toml: not valid TOML"):
        load_config(bad, env={})
