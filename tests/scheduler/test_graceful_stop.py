"""A normal stop strands nothing: SIGTERM reaches a real `plcbot run` process (Slack HTTP mode,
PostgreSQL, the scheduler ticking every second) while its tick is posting a minute's nudges to
the fake Slack. The tick in progress finishes its posts and records them, then the process
exits 0: every run of that minute is `sent`, none is left `claimed`, and Slack received each
exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp import web

from bot.clock import FixedClock
from bot.domain import CommunityRef
from bot.service import PlcBot
from bot.usecases.context import Actor, Settings
from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.fake_webapi import Call, Workspace
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES
from tests.storage.databases import asyncpg_dsn

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TEAMS = 80
POST_SECONDS = 0.4  # each chat.postMessage takes this long: the tick is still posting at SIGTERM


class SlowSlack(FakeSlack):
    """The fake Slack, answering each post only after a platform round trip."""

    def __init__(self) -> None:
        super().__init__(post_rate=100.0)
        self.first_post = asyncio.Event()

    async def _chat_postMessage(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        self.first_post.set()
        await asyncio.sleep(POST_SECONDS)
        return await super()._chat_postMessage(call, ws, request)


@pytest.fixture
async def slack() -> AsyncIterator[SlowSlack]:
    fake = SlowSlack()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def seed(url: str, community: CommunityRef, made_at: datetime) -> None:
    """Teams with an hourly nudge at the minute after `made_at` (a channel post may come at
    most once an hour), made then: due at the first tick when `made_at` is two minutes ago."""
    minute = (made_at + timedelta(minutes=1)).minute
    uow = SqlUnitOfWorkFactory(make_engine(url))
    bot = PlcBot(
        uow=uow,
        chat=FakeChat(),
        libraries=LIBRARIES,
        clock=FixedClock(made_at),
        settings=Settings(per_minute=1e9, burst=1_000_000),
    )
    try:
        for n in range(TEAMS):
            where = Actor(community, "ana", f"C{n:03d}")
            assert (await bot.command(where, f'/plc team create "Team {n}"')).ok
            added = await bot.command(where, f'/plc schedule add stage_nudge "{minute} * * * *"')
            assert added.ok, added
    finally:
        await uow.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start_plcbot(url: str, slack: FakeSlack, token: str, folder: Path) -> Any:
    config = folder / "config.toml"
    config.write_text(
        f'[bot]\ndata_dir = "{folder / "data"}"\n'
        f"[slack]\nport = {free_port()}\n"
        "[scheduler]\npoll_seconds = 1\ndrain_seconds = 20\n[operations]\nport = 0\n[web]\nport = 0\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
        "SLACK_SIGNING_SECRET": "s" * 32,
        "SLACK_BOT_TOKEN": token,
        "SLACK_API_URL": slack.api_url,
        "SLACK_HTTP_HOST": "127.0.0.1",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "plcbot",
        "--config",
        str(config),
        "run",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_sigterm_mid_tick_lets_the_tick_post_and_record_every_claimed_run(
    fresh_database: str, slack: SlowSlack, tmp_path: Path
) -> None:
    workspace = slack.add_workspace("T1")
    community = CommunityRef("slack", "T1")
    await seed(fresh_database, community, datetime.now(UTC) - timedelta(minutes=2))
    proc = await start_plcbot(fresh_database, slack, workspace.token, tmp_path)
    try:
        await asyncio.wait_for(slack.first_post.wait(), 30)  # mid-tick: posts under way
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 40)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    log = err.decode(errors="replace")
    assert proc.returncode == 0, log[-3000:]

    db = await asyncpg.connect(asyncpg_dsn(fresh_database))
    try:
        rows = await db.fetch(
            "SELECT t.channel_id, r.fire_at, r.state FROM schedule_runs r "
            "JOIN schedules s ON s.community_id = r.community_id AND s.id = r.schedule_id "
            "JOIN teams t ON t.community_id = s.community_id AND t.id = s.team_id"
        )
    finally:
        await db.close()
    states = Counter(r["state"] for r in rows)
    assert states["claimed"] == 0, (states, log[-3000:])
    assert set(states) <= {"sent", "failed"}
    # The minute under way when the signal came: every team's run was claimed and posted.
    first_minute = min(r["fire_at"] for r in rows)
    assert sorted(r["channel_id"] for r in rows if r["fire_at"] == first_minute) == [
        f"C{n:03d}" for n in range(TEAMS)
    ]
    posted = Counter(m.channel for m in slack.messages)
    sent = Counter(r["channel_id"] for r in rows if r["state"] == "sent")
    assert posted == sent  # what Slack received is exactly what is recorded sent, once each
    assert "the tick in progress finishes its posts first" in log
