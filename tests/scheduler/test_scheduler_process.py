"""The scheduler in a process of its own (`[scheduler] process = "separate"`), as a real
`plcbot run` (Slack HTTP mode) starts it: a child process `plcbot scheduler` that ticks every
second and posts to the fake Slack through its own clients, on SQLite and on PostgreSQL.

- SIGTERM to `plcbot run` mid-tick reaches the child, which finishes the minute's posts and
  records them: no run is left `claimed`, Slack got each once, and both processes are gone.
- A child that dies is started again by its parent, and the new one ticks.
- A child whose parent was killed (SIGKILL: no chance to stop it) drains and exits by itself:
  no orphan keeps posting."""

from __future__ import annotations

import asyncio
import os
import re
import signal
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.domain import CommunityRef
from storage.engine import make_engine
from tests.reliability.plcbot_process import PlcbotRun
from tests.scheduler.test_graceful_stop import TEAMS, SlowSlack, seed

pytestmark = pytest.mark.slow

SEPARATE = '[scheduler]\nprocess = "separate"\npoll_seconds = 1\ndrain_seconds = 20\n'
STARTED = re.compile(r"scheduler process (\d+) started")


@pytest.fixture
async def slack() -> AsyncIterator[SlowSlack]:
    fake = SlowSlack()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def start(database_url: str, slack: SlowSlack, tmp_path: Path, *, bot: str = "") -> PlcbotRun:
    token = slack.add_workspace("T1").token
    await seed(database_url, CommunityRef("slack", "T1"), datetime.now(UTC) - timedelta(minutes=2))
    env = {
        "DATABASE_URL": database_url,
        "SLACK_SIGNING_SECRET": "s" * 32,
        "SLACK_BOT_TOKEN": token,
        "SLACK_API_URL": slack.api_url,
    }
    return await PlcbotRun.start(tmp_path, env, bot=bot, more_config=SEPARATE)


async def child_of(run: PlcbotRun, *, after: int = 0) -> int:
    """The pid of the scheduler process `plcbot run` started (past log character `after`),
    once that process says it is running."""
    async with asyncio.timeout(30):
        while (found := STARTED.search(run.log, after)) is None:
            assert run.running, run.tail
            await asyncio.sleep(0.1)
    pid = int(found.group(1))
    await run.logged(f"scheduler process {pid} running for slack", within=30)
    return pid


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to read its exit counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


async def gone_within(pid: int, seconds: float) -> bool:
    for _ in range(int(seconds * 10)):
        if not alive(pid):
            return True
        await asyncio.sleep(0.1)
    return False


async def runs(url: str) -> list[tuple[str, str, str]]:
    """(channel, fire time, state) of every run."""
    engine = make_engine(url)
    try:
        async with engine.connect() as db:
            rows = await db.execute(
                text(
                    "SELECT t.channel_id, r.fire_at, r.state FROM schedule_runs r "
                    "JOIN schedules s ON s.community_id = r.community_id AND s.id = r.schedule_id "
                    "JOIN teams t ON t.community_id = s.community_id AND t.id = s.team_id"
                )
            )
            return [(str(c), str(f), str(s)) for c, f, s in rows]
    finally:
        await engine.dispose()


async def assert_the_minute_was_posted_once(url: str, slack: SlowSlack, log: str) -> None:
    found = await runs(url)
    states = Counter(state for _, _, state in found)
    assert states["claimed"] == 0, (states, log[-3000:])
    assert set(states) <= {"sent", "failed"}
    first = min(fire for _, fire, _ in found)
    assert sorted(c for c, fire, _ in found if fire == first) == [f"C{n:03d}" for n in range(TEAMS)]
    sent = Counter(c for c, _, state in found if state == "sent")
    assert Counter(m.channel for m in slack.messages) == sent  # each post once, as recorded


async def test_sigterm_mid_tick_drains_the_scheduler_process_and_strands_no_run(
    database_url: str, slack: SlowSlack, tmp_path: Path
) -> None:
    run = await start(database_url, slack, tmp_path)
    try:
        child = await child_of(run)
        assert child != run.proc.pid
        await asyncio.wait_for(slack.first_post.wait(), 30)  # mid-tick: posts under way
        await run.terminate(within=40)
    finally:
        await run.kill()
    assert run.proc.returncode == 0, run.tail
    assert not alive(child)
    assert "the tick in progress finishes its posts first" in run.log
    await assert_the_minute_was_posted_once(database_url, slack, run.log)


async def test_a_scheduler_process_that_dies_is_started_again_and_ticks(
    database_url: str, slack: SlowSlack, tmp_path: Path
) -> None:
    # DEBUG: the scheduler logs each tick's report
    run = await start(database_url, slack, tmp_path, bot='log_level = "DEBUG"\n')
    try:
        first = await child_of(run)
        mark = len(run.log)
        os.kill(first, signal.SIGKILL)
        second = await child_of(run, after=mark)
        assert second != first and alive(second)
        assert "the scheduler adapter failed; restarting it" in run.log[mark:]
        await run.logged("tick: TickReport", after=run.log.index(f"process {second} running"))
        await run.terminate(within=40)
    finally:
        await run.kill()
    assert run.proc.returncode == 0, run.tail
    assert not alive(second)


async def test_a_scheduler_process_whose_plcbot_run_was_killed_drains_and_exits(
    database_url: str, slack: SlowSlack, tmp_path: Path
) -> None:
    run = await start(database_url, slack, tmp_path)
    try:
        child = await child_of(run)
        await asyncio.wait_for(slack.first_post.wait(), 30)
        run.proc.kill()  # SIGKILL: the parent cannot stop its child
        await run.proc.wait()
        assert await gone_within(child, 30), run.tail
        await run.logged("is gone; the scheduler process stops", within=10)
    finally:
        await run.kill()
    await assert_the_minute_was_posted_once(database_url, slack, run.log)
