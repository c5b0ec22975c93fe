"""Exactly once across processes: three real worker processes (tests/scheduler/worker.py) tick the
real core on one freshly migrated PostgreSQL database, on a virtual clock this test moves a
minute at a time. 100 teams each have a nudge due every minute. Every post lands in a shared
log, so the test sees exactly what the platform would have received.

Then one worker is killed with SIGKILL in the middle of a run: while it is stuck in a platform
call, after its earlier posts were confirmed. The other two carry on; no (schedule, fire time)
is posted twice; the runs the dead worker left 'claimed' are exactly the ones never posted, and
`/plc schedule list` reports them."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.clock import FixedClock
from bot.domain import CommunityRef
from bot.scheduling.model import Schedule, ScheduleKind
from bot.service import PlcBot
from bot.usecases.context import Actor, Settings
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeChat
from tests.harness import LIBRARIES
from tests.scheduler.worker import write_atomically
from tests.storage.databases import asyncpg_dsn

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)  # the schedules are made now; they fire each minute
TEAMS = 100
MINUTES = 6  # fire times T0+1 .. T0+6
KILL_FROM = 3  # the victim hangs in the first run from this minute in which it has posted 2
KILL_BY = 5  # ... which must come by this minute, leaving later minutes to the survivors
WORKERS = ("w1", "w2", "w3")
VICTIM = "w3"
COMMUNITY = CommunityRef("slack", "T1")
WAIT = 15.0  # seconds for any one thing the test waits for


def fire(minute: int) -> datetime:
    return T0 + timedelta(minutes=minute)


def channel(n: int) -> str:
    return f"C{n:03d}"


async def seed(url: str) -> None:
    """100 learning teams made through the core, each with a stage nudge every minute (put in
    storage directly: the command refuses a channel post more than once an hour)."""
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
            where = Actor(COMMUNITY, "ana", channel(n))
            assert (await bot.command(where, f'/plc team create "Team {n}"')).ok
            async with uow() as u:
                team = await u.teams.by_channel(COMMUNITY.id, channel(n))
                assert team is not None
                first = T0.replace(second=0, microsecond=0) + timedelta(minutes=1)
                await u.schedules.add(
                    Schedule(
                        0,
                        COMMUNITY.id,
                        team.id,
                        ScheduleKind.STAGE_NUDGE,
                        "* * * * *",
                        "America/Chicago",
                        "ana",
                        T0,
                        first,
                    )
                )
                await u.commit()
    finally:
        await uow.dispose()


@dataclass(frozen=True)
class Run:
    schedule_id: int
    channel: str
    fire_at: datetime
    state: str


async def runs(db: asyncpg.Connection) -> list[Run]:
    rows = await db.fetch(
        "SELECT r.schedule_id, t.channel_id, r.fire_at, r.state FROM schedule_runs r "
        "JOIN schedules s ON s.community_id = r.community_id AND s.id = r.schedule_id "
        "JOIN teams t ON t.community_id = s.community_id AND t.id = s.team_id"
    )
    return [Run(r[0], r[1], r[2].astimezone(UTC), r[3]) for r in rows]


def posts(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        {**line, "fire_at": datetime.fromisoformat(line["fire_at"])}
        for line in map(json.loads, lines)
    ]


async def until(what: str, condition: Callable[[], Any], within: float = WAIT) -> Any:
    deadline = time.monotonic() + within
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {within:.0f} s in vain for {what}")
        await asyncio.sleep(0.02)


class Workers:
    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder
        self.clock = folder / "clock"
        self.log = folder / "posts.jsonl"
        self.marker = folder / "hung"
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *extra: str) -> None:
        stderr = open(self.folder / f"{name}.log", "wb")  # the child writes it; ours closes below
        self.procs[name] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.scheduler.worker",
                "--database",
                self.url,
                "--clock",
                str(self.clock),
                "--posts",
                str(self.log),
                "--ready",
                str(self.folder / f"{name}.ready"),
                "--name",
                name,
                *extra,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        stderr.close()

    def alive(self) -> list[str]:
        return [n for n, p in self.procs.items() if p.poll() is None]

    def ready(self) -> bool:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise AssertionError(f"worker {name} exited early:\n{self.output(name)}")
        return all((self.folder / f"{n}.ready").exists() for n in self.procs)

    def output(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")[-3000:]

    def set_time(self, at: datetime) -> None:
        write_atomically(self.clock, at.isoformat())

    async def stop(self, names: list[str]) -> None:
        for name in names:
            self.procs[name].send_signal(signal.SIGTERM)
        for name in names:
            code = await asyncio.to_thread(self.procs[name].wait, WAIT)
            assert code == 0, f"worker {name} stopped with {code}:\n{self.output(name)}"

    def kill_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)


@pytest.fixture
async def workers(fresh_database: str, tmp_path: Path) -> AsyncIterator[Workers]:
    pool = Workers(fresh_database, tmp_path)
    try:
        yield pool
    finally:
        pool.kill_all()


async def test_three_workers_post_every_fire_time_once_and_a_killed_one_leaves_only_unposted_claims(
    workers: Workers, fresh_database: str
) -> None:
    started = time.monotonic()
    await seed(fresh_database)
    workers.set_time(T0)
    for name in WORKERS:
        hang = ["--hang-after", "2", "--hang-from", fire(KILL_FROM).isoformat()]
        workers.start(name, "--marker", str(workers.marker), *(hang if name == VICTIM else []))
    await until("every worker to tick once", workers.ready, within=30)
    db = await asyncpg.connect(asyncpg_dsn(fresh_database))
    try:
        killed_at = await play(workers, db)
        await workers.stop([n for n in WORKERS if n != VICTIM])
        all_runs = await runs(db)
        sid_of = {r.channel: r.schedule_id for r in all_runs}
    finally:
        await db.close()
    log = posts(workers.log)
    pairs = [(p["channel"], p["fire_at"]) for p in log]

    # Zero duplicates, and what was posted is exactly what the database marks sent.
    assert [pair for pair, n in Counter(pairs).items() if n > 1] == []
    assert set(pairs) == {(r.channel, r.fire_at) for r in all_runs if r.state == "sent"}
    # Every (schedule, fire time) was claimed once: none skipped, none coalesced away.
    expected = {(channel(n), fire(m)) for n in range(TEAMS) for m in range(1, MINUTES + 1)}
    assert Counter((r.channel, r.fire_at) for r in all_runs) == Counter(expected)
    # The runs left 'claimed' are exactly the ones nobody posted, all from the kill.
    claimed = {(r.channel, r.fire_at) for r in all_runs if r.state == "claimed"}
    assert claimed and claimed == expected - set(pairs)
    assert {at for _, at in claimed} == {killed_at}
    assert {r.state for r in all_runs} <= {"sent", "claimed"}
    # All three took part; the victim posted nothing after its death; the others carried on.
    by_worker = Counter(p["worker"] for p in log if p["fire_at"] < killed_at)
    assert set(by_worker) == set(WORKERS), by_worker
    assert all(p["worker"] != VICTIM for p in log if p["fire_at"] > killed_at)
    for m in range(1, MINUTES + 1):
        if fire(m) > killed_at:
            assert {c for c, at in pairs if at == fire(m)} == {channel(n) for n in range(TEAMS)}

    # An admin sees the unconfirmed runs in /plc schedule list (10 minutes on), and only there.
    stuck_channel = sorted(claimed)[0][0]
    fine_channel = next(channel(n) for n in range(TEAMS) if channel(n) not in dict(claimed))
    listing = await schedule_list(fresh_database, killed_at + timedelta(minutes=11), stuck_channel)
    assert "Not confirmed: 1 run was claimed" in listing
    assert f"schedule #{sid_of[stuck_channel]}, due {killed_at:%Y-%m-%d %H:%M} UTC" in listing
    assert "not re-posted" in listing
    fine = await schedule_list(fresh_database, killed_at + timedelta(minutes=11), fine_channel)
    assert "Not confirmed" not in fine and "last run" in fine
    assert time.monotonic() - started < 60


async def play(workers: Workers, db: asyncpg.Connection) -> datetime:
    """Move the clock a minute at a time and wait for each minute's runs; kill the victim once
    it hangs. Returns the fire time at which it was killed."""
    killed_at: datetime | None = None
    for minute in range(1, MINUTES + 1):
        at = fire(minute)
        workers.set_time(at)

        async def states(at: datetime = at) -> Counter[str]:
            return Counter(r.state for r in await runs(db) if r.fire_at == at)

        if killed_at is None and minute >= KILL_FROM:

            async def hung_or_done() -> bool:
                return workers.marker.exists() or (await states())["sent"] == TEAMS

            await until(f"the runs of minute {minute}", hung_or_done)
            if workers.marker.exists():
                await kill_victim(workers, db, at)
                killed_at = at
        if killed_at == at:
            # The survivors claim (and post) all the rest; the victim's claims stay.
            async def all_claimed() -> bool:
                return sum((await states()).values()) == TEAMS

            await until(f"the survivors to claim the rest of minute {minute}", all_claimed)
        else:

            async def all_sent() -> bool:
                return (await states())["sent"] == TEAMS

            await until(f"every run of minute {minute} to be sent", all_sent)
        assert minute < KILL_BY or killed_at is not None, "the victim never got a run to die in"
    assert killed_at is not None
    return killed_at


async def kill_victim(workers: Workers, db: asyncpg.Connection, at: datetime) -> None:
    """SIGKILL the victim while it is stuck in a platform call, once the posts it did make at
    this fire time are confirmed: a run is marked sent right after its post, not only after
    the whole batch, so 'claimed' keeps meaning 'not posted'."""
    made = {
        p["channel"] for p in posts(workers.log) if p["worker"] == VICTIM and p["fire_at"] == at
    }

    async def confirmed() -> bool:
        sent = {r.channel for r in await runs(db) if r.fire_at == at and r.state == "sent"}
        return made <= sent

    await until("the victim's posts to be confirmed while it hangs", confirmed, within=5)
    victim = workers.procs[VICTIM]
    os.kill(victim.pid, signal.SIGKILL)
    assert await asyncio.to_thread(victim.wait, WAIT) == -signal.SIGKILL
    assert sorted(workers.alive()) == sorted(n for n in WORKERS if n != VICTIM)


async def schedule_list(url: str, now: datetime, where: str) -> str:
    """`/plc schedule list`, run through the core against the workers' database."""
    uow = SqlUnitOfWorkFactory(make_engine(url))
    bot = PlcBot(uow=uow, chat=FakeChat(), libraries=LIBRARIES, clock=FixedClock(now))
    try:
        out = await bot.command(Actor(COMMUNITY, "ana", where), "/plc schedule list")
    finally:
        await uow.dispose()
    assert out.ok and out.reply is not None
    return out.reply.plain_text()
