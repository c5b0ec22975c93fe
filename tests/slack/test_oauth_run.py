"""`plcbot run` installing in many workspaces: the composition root hands storage's
installation store to the Slack adapter, over tables the migrations alone built."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import default_sqlite_url, make_engine
from tests.slack.conftest import TOKEN_KEY
from tests.slack.driver import SECRET
from tests.slack.test_oauth import install_at

ROOT = Path(__file__).resolve().parents[2]
START = (
    "import asyncio, sys; from pathlib import Path; "
    "from plcbot.app import configure_logging, run_adapters; "
    "from plcbot.registry import load_config; configure_logging('INFO'); "
    "sys.exit(asyncio.run(run_adapters(load_config(Path(sys.argv[1])), ['slack'])))"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def until_logged(stream: asyncio.StreamReader, wanted: str) -> str:
    log = ""
    while wanted not in log:
        line = await asyncio.wait_for(stream.readline(), 30)
        assert line, f"plcbot run stopped before it started:\n{log[-2000:]}"
        log += line.decode(errors="replace")
    return log


async def test_plcbot_run_keeps_an_installed_workspaces_token_sealed_in_its_own_database(
    fake: FakeSlack, tmp_path: Path
) -> None:
    port = free_port()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[bot]\ndata_dir = "{tmp_path / "data"}"\n[slack]\nport = {port}\n'
        "[scheduler]\nenabled = false\n[operations]\nport = 0\n[web]\nport = 0\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_CLIENT_ID": fake.client_id,
        "SLACK_CLIENT_SECRET": fake.client_secret,
        "PLCBOT_TOKEN_KEY": TOKEN_KEY,
        "SLACK_API_URL": fake.api_url,
        "SLACK_HTTP_HOST": "127.0.0.1",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", START, str(config), cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        assert proc.stderr is not None
        await until_logged(proc.stderr, "Slack: HTTP mode on port")
        page = await install_at(f"http://127.0.0.1:{port}", fake, "T1")
        assert page.startswith("200") and "Thank you" in page
        proc.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(proc.communicate(), 15)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, rest.decode(errors="replace")[-2000:]

    tokens = [w.token for w in fake.workspaces.values() if w.team_id == "T1"]
    engine = make_engine(default_sqlite_url(tmp_path / "data"))
    try:
        async with engine.connect() as conn:
            bots = [repr(tuple(r)) for r in await conn.execute(text("SELECT * FROM slack_bots"))]
            states = (await conn.execute(text("SELECT count(*) FROM slack_oauth_states"))).scalar()
    finally:
        await engine.dispose()
    assert len(bots) == 1 and "T1" in bots[0]
    assert tokens and tokens[0] not in bots[0] and "xoxb-" not in bots[0]
    assert states == 0  # the install's state was used once and is gone
