"""Action item reminders exactly once across processes: three real worker processes
(tests/scheduler/worker.py) tick the real core on one freshly migrated PostgreSQL database, on
a virtual clock this test sets, in the pattern of test_multiprocess.py. Sixty owners each get
one reminder the day before and one when overdue, never two of either; an owner with
reminders off gets none."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.clock import FixedClock
from bot.domain import CommunityRef
from bot.service import PlcBot
from bot.usecases.context import Actor, Settings
from storage.engine import make_engine
from storage.migrate import upgrade_sync
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES
from tests.scheduler.test_multiprocess import Workers, posts, until
from tests.storage.databases import (
    asyncpg_dsn,
    create_database,
    drop_database,
    run_async,
    with_database,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

T0 = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)  # Monday, 10:00 in Chicago
DUE = "2026-09-15"
OVERDUE_AT = datetime(2026, 9, 16, 15, 0, tzinfo=UTC)
TEAMS = 60
WORKERS = ("w1", "w2", "w3")
COMMUNITY = CommunityRef("slack", "T1")


@pytest.fixture
def database(postgres_server: str) -> Iterator[str]:
    name = f"plcbot_ar_{secrets.token_hex(4)}"
    run_async(lambda: create_database(postgres_server, name))
    try:
        url = with_database(postgres_server, name)
        upgrade_sync(url)
        yield url
    finally:
        run_async(lambda: drop_database(postgres_server, name))


@pytest.fixture
async def pool(database: str, tmp_path: Path) -> AsyncIterator[Workers]:
    workers = Workers(database, tmp_path)
    try:
        yield workers
    finally:
        workers.kill_all()


async def seed(url: str) -> None:
    """Sixty teams, each with one item due tomorrow, owned by o0 … o59; o0 turned reminders off."""
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
            add = f"/plc action add @o{n} bring student work by {DUE}"
            assert (await bot.command(where, add)).ok
        assert (await bot.command(Actor(COMMUNITY, "o0", "C000"), "/plc me reminders off")).ok
    finally:
        await uow.dispose()


async def claimed(db: asyncpg.Connection) -> Counter[str]:
    return Counter(r[0] for r in await db.fetch("SELECT kind FROM action_reminders"))


async def test_three_workers_remind_each_owner_once_the_day_before_and_once_overdue(
    pool: Workers, database: str
) -> None:
    started = time.monotonic()
    await seed(database)
    pool.set_time(T0)
    for name in WORKERS:
        pool.start(name)
    await until("every worker to tick once", pool.ready, within=30)
    db = await asyncpg.connect(asyncpg_dsn(database))
    try:
        await until("the day-before reminders", lambda: len(posts(pool.log)) >= TEAMS - 1)
        pool.set_time(T0 + timedelta(hours=6))  # later the same day: nothing new
        await asyncio.sleep(1)  # many ticks (every 20 ms each): a second reminder would show
        pool.set_time(OVERDUE_AT)
        await until("the overdue reminders", lambda: len(posts(pool.log)) >= 2 * (TEAMS - 1))
        pool.set_time(OVERDUE_AT + timedelta(hours=1))
        await asyncio.sleep(1)
        await pool.stop(list(WORKERS))
        kinds = await claimed(db)
    finally:
        await db.close()
    log = posts(pool.log)
    sent = Counter((p["channel"], p["fire_at"]) for p in log)
    assert [pair for pair, n in sent.items() if n > 1] == []  # no reminder twice
    owners = {f"D-o{n}" for n in range(1, TEAMS)}
    assert {c for c, at in sent if at == T0} == owners  # the day before
    assert {c for c, at in sent if at == OVERDUE_AT} == owners  # overdue
    assert len(log) == 2 * (TEAMS - 1) and "D-o0" not in {p["channel"] for p in log}
    assert kinds == Counter({"day_before": TEAMS - 1, "overdue": TEAMS - 1})
    assert time.monotonic() - started < 90
