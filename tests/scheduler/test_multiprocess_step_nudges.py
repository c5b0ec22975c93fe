""" "Time's up" for protocol steps exactly once across processes: three real worker processes
(tests/scheduler/worker.py) tick the real core on one freshly migrated PostgreSQL database, on
a virtual clock this test sets, in the pattern of test_multiprocess_action_reminders.py. Sixty
teams each run a protocol; when the first step's five minutes are up, each team's channel gets
one nudge, never two."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.clock import FixedClock
from bot.domain import CommunityRef
from bot.service import PlcBot
from bot.usecases.context import Actor, Settings
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES
from tests.scheduler.test_multiprocess import Workers, posts, until
from tests.storage.databases import asyncpg_dsn

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

T0 = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)  # Monday, 10:00 in Chicago
TIME_UP = T0 + timedelta(minutes=6)  # the tuning protocol's first step takes 5 minutes
TEAMS = 60
WORKERS = ("w1", "w2", "w3")
COMMUNITY = CommunityRef("slack", "T1")


@pytest.fixture
async def pool(fresh_database: str, tmp_path: Path) -> AsyncIterator[Workers]:
    workers = Workers(fresh_database, tmp_path)
    try:
        yield workers
    finally:
        workers.kill_all()


async def seed(url: str) -> None:
    """Sixty teams, each running the tuning protocol."""
    uow = SqlUnitOfWorkFactory(make_engine(url))
    bot = PlcBot(
        uow=uow,
        chat=FakeChat(),
        libraries=LIBRARIES,
        clock=FixedClock(T0),
        settings=Settings(default_timezone="America/Chicago", per_minute=1e9, burst=1_000_000),
    )
    try:
        for n in range(TEAMS):
            where = Actor(COMMUNITY, "ana", f"C{n:03d}")
            assert (await bot.command(where, f'/plc team create "Team {n}"')).ok
            assert (await bot.command(where, "/plc protocol start tuning")).ok
    finally:
        await uow.dispose()


async def test_three_workers_say_time_s_up_once_per_step(
    pool: Workers, fresh_database: str
) -> None:
    started = time.monotonic()
    await seed(fresh_database)
    pool.set_time(T0)
    for name in WORKERS:
        pool.start(name)
    await until("every worker to tick once", pool.ready, within=30)
    db = await asyncpg.connect(asyncpg_dsn(fresh_database))
    try:
        await asyncio.sleep(0.5)
        assert posts(pool.log) == []  # nobody's time is up yet
        pool.set_time(TIME_UP)
        await until("the nudges", lambda: len(posts(pool.log)) >= TEAMS)
        pool.set_time(TIME_UP + timedelta(minutes=1))
        await asyncio.sleep(1)  # many ticks (every 20 ms each): a second nudge would show
        await pool.stop(list(WORKERS))
        nudged = await db.fetchval(
            "SELECT count(*) FROM protocol_steps WHERE nudged_at IS NOT NULL"
        )
    finally:
        await db.close()
    log = posts(pool.log)
    sent = Counter(p["channel"] for p in log)
    assert [c for c, n in sent.items() if n > 1] == []
    assert set(sent) == {f"C{n:03d}" for n in range(TEAMS)}
    assert nudged == TEAMS
    assert len({p["worker"] for p in log}) >= 1
    assert time.monotonic() - started < 90
