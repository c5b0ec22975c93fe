"""5. A district's school year: the reads (and the two deletions) a district does over it, each
through the path chat uses (`PlcBot.command` / `PlcBot.handle`, one unit of work), the
district export and the retention job through the code `plcbot export` and the daily job run,
and the web panel's pages over HTTP. Each request's time and the statements it sent."""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks import databases
from benchmarks.district_seed import COMMUNITY, FULL, Shape, seed_district
from benchmarks.progress import say
from benchmarks.stats import cpu_seconds, percentile
from bot.domain import CommunityRef, MessageRef
from bot.export import ExportFile
from bot.messages import Message
from plcbot.loop import run as run_loop

NewDatabase = Callable[[str, str], databases.Database]
REF = CommunityRef("slack", COMMUNITY.partition(":")[2])
DATA = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


class Sink:
    """A chat that takes every message (the export's DM and its files) and keeps nothing."""

    def __init__(self) -> None:
        self.sent = 0

    async def post(
        self, community: CommunityRef, channel_id: str, message: Message, *, thread: Any = None
    ) -> MessageRef:
        self.sent += 1
        return MessageRef(channel_id, f"m{self.sent}")

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        return await self.post(community, f"D{user_id}", message)

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        self.sent += 1

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        return await self.post(community, f"D{user_id}", message)


@dataclass
class Counter:
    """The statements sent on an engine: all of them, and the reads and writes among them."""

    engine: AsyncEngine
    seen: list[str] = field(default_factory=list)

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        self.seen = []

        def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            self.seen.append(statement)

        event.listen(self.engine.sync_engine, "before_cursor_execute", count)
        try:
            yield self.seen
        finally:
            event.remove(self.engine.sync_engine, "before_cursor_execute", count)


def data_statements(seen: Sequence[str]) -> int:
    return sum(1 for s in seen if s.lstrip().split(None, 1)[0].upper() in DATA)


Call = Callable[[int], Awaitable[Any]]


async def timed(counter: Counter, call: Call, samples: int, *, warm: bool) -> dict[str, Any]:
    """`call(i)` for i in 0..samples-1, one after the other (after one untimed call when
    `warm`): p50, p95 and max of the time, p50 of this process's CPU time (all threads: SQLite
    works in aiosqlite's), and the most statements one sent (and the fewest)."""
    if warm:
        await call(samples)
    times: list[float] = []
    cpu: list[float] = []
    counts: list[int] = []
    for i in range(samples):
        with counter.counting() as seen:
            start, cpu_start = time.perf_counter(), cpu_seconds()
            outcome = await call(i)
            times.append(time.perf_counter() - start)
            cpu.append(cpu_seconds() - cpu_start)
        if getattr(outcome, "ok", True) is False:
            raise RuntimeError(f"refused: {getattr(outcome, 'reply', outcome)}")
        counts.append(data_statements(seen))
    return {
        "n": samples,
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "max": max(times),
        "cpu_p50": percentile(cpu, 50),
        "statements": max(counts),
        "statements_min": min(counts),
    }


def run_district(
    backends: list[str],
    new_database: NewDatabase,
    workdir: Path,
    repeats: int,
    quick: bool,
    shape: Shape = FULL,
) -> dict[str, Any]:
    """Per backend: seed the year, then every request `repeats` times (the two deletions and
    the retention job once, at the end: they change what the others read)."""
    from benchmarks.district_requests import TARGETS

    out: dict[str, Any] = {"shape": shape.__dict__, "targets": TARGETS, "runs": {}}
    for backend in backends:
        database = new_database(backend, "district")
        run = run_loop(measure(database, workdir, repeats, quick, shape))  # plcbot's loop
        out["runs"][database.label] = run
    return out


async def measure(
    database: databases.Database, workdir: Path, repeats: int, quick: bool, shape: Shape
) -> dict[str, Any]:
    """The year seeded into `database`, then every request measured (see run_district)."""
    from benchmarks import district_requests as requests

    start = time.perf_counter()
    district = await seed_district(database.url, shape)
    seeded = time.perf_counter() - start
    say(f"district {database.label}: seeded {sum(district.rows.values()):,} rows in {seeded:.1f} s")
    run: dict[str, Any] = {"seed_s": seeded, "rows": district.rows, "requests": {}}
    run["load"] = [os.getloadavg()[0]]  # the machine's 1-minute load: at the start, the end
    async with requests.Measured.open(database.url, district, workdir) as m:
        reads = requests.reads(quick)
        path = await m.overview()
        if path is not None:
            reads.append(requests.overview(path, quick))
        for repeat in range(repeats):
            for label, make, samples in reads:
                result = await timed(m.counter, make(m), samples, warm=repeat == 0)
                run["requests"].setdefault(label, []).append(result)
                _say(database.label, repeat, repeats, label, result)
        for label, make, samples in requests.once():
            result = await timed(m.counter, make(m), samples, warm=False)
            run["requests"].setdefault(label, []).append(result)
            _say(database.label, 0, 1, label, result)
    run["load"].append(os.getloadavg()[0])
    return run


def _say(label: str, repeat: int, repeats: int, name: str, r: dict[str, Any]) -> None:
    say(
        f"district {repeat + 1}/{repeats} {label:10s} {name:28s} p50 {r['p50'] * 1000:8.1f} ms"
        f"  p95 {r['p95'] * 1000:8.1f} ms  {r['statements']} statements"
    )
