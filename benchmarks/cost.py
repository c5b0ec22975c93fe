"""`python -m benchmarks.cost`: what one command costs our server, in figures that do not move
with the machine's load: the statements and round trips it sends to the database, and the
Python function calls it makes (cProfile's count; a coroutine's every resume counts as one).
Where the CPU goes is printed as each layer's share of the profiled self time (this share
moves a little with the load; the counts do not).

The same processes as benchmarks.profile: the fake Slack, the load generator and plcbot's
HTTP server on a seeded database, each in a process of its own. Requests go one at a time
(a low fixed rate), so each is measured alone. PostgreSQL when TEST_DATABASE_URL is set,
else SQLite."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from benchmarks import databases, fakeslack, loadgen, servers
from benchmarks.procs import Child, Handlers
from benchmarks.profile import TEXTS
from benchmarks.roundtrip import Load, Target, Users, run_one
from benchmarks.sections import CHANNEL, POOL

# A function's layer: the first of these its file path (or a builtin's name) contains.
LAYERS = (
    ("/slack_bolt/", "Bolt"),
    ("/slack_sdk/", "slack_sdk"),
    ("/aiohttp/", "aiohttp"),
    ("/multidict/", "aiohttp"),
    ("/yarl/", "aiohttp"),
    ("/sqlalchemy/", "SQLAlchemy"),
    ("greenlet", "SQLAlchemy"),
    ("/asyncpg/", "asyncpg"),
    ("asyncpg", "asyncpg"),
    ("/aiosqlite/", "SQLite driver"),
    ("sqlite", "SQLite driver"),
    ("/storage/", "storage"),
    ("/bot/commands/", "grammar"),
    ("/bot/i18n", "i18n"),
    ("/bot/", "core"),
    ("/adapters/slack/render", "rendering"),
    ("/adapters/slack/mrkdwn", "rendering"),
    ("/adapters/", "adapter"),
    ("/logging/", "logging"),
    ("/json/", "json"),
    ("/asyncio/", "event loop"),
    ("selectors", "event loop"),
    ("socket", "event loop"),
)


class Counts:
    """Statements, transactions and connection checkouts on every engine of the process."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self._on = False
        event.listen(Engine, "before_cursor_execute", self._statement)
        for name in ("begin", "commit", "rollback"):
            event.listen(Engine, name, self._counter(name.upper()))
        for name in ("checkout", "connect", "close", "invalidate"):
            event.listen(Pool, name, self._counter(name))
        self.texts: Counter[str] = Counter()

    def _statement(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self._on:
            self.seen["statement"] += 1
            self.seen[statement.split(None, 1)[0].upper()] += 1
            self.texts[statement] += 1

    def _counter(self, name: str) -> Callable[..., None]:
        def count(*args: Any) -> None:
            if self._on:
                self.seen[name] += 1

        return count

    def start(self) -> None:
        self.seen.clear()
        self.texts.clear()
        self._on = True

    def stop(self) -> dict[str, int]:
        self._on = False
        return dict(self.seen), dict(self.texts)


def _counting(handlers: Handlers) -> Handlers:
    """A server's handlers, with counters and a profiler that `count_start` and `count_stop`
    switch on and off."""
    counts = Counts()
    profilers = [cProfile.Profile(time.process_time)]  # CPU time: a wait is not a cost

    async def start() -> None:
        counts.start()
        profilers[0] = cProfile.Profile(time.process_time)  # a fresh one: a profile adds up
        profilers[0].enable()

    async def stop(path: str) -> tuple[dict[str, int], dict[str, int]]:
        profilers[0].disable()
        profilers[0].dump_stats(path)
        return counts.stop()

    return {**handlers, "count_start": start, "count_stop": stop}


async def counted_ours(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    handlers, close = await servers.ours(db_url, api_url, token)
    return _counting(handlers), close


async def counted_bare(api_url: str, token: str) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    handlers, close = await servers.bare(api_url, token)
    return _counting(handlers), close


def layer_of(filename: str, name: str) -> str:
    where = f"{filename} {name}"
    for needle, layer in LAYERS:
        if needle in where:
            return layer
    return "other (stdlib)"


def by_layer(path: str) -> tuple[int, dict[str, tuple[float, int]]]:
    """The profile's total calls, and each layer's (self seconds, calls)."""
    stats = pstats.Stats(path)
    layers: dict[str, tuple[float, int]] = {}
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, calls, tottime, _ct, _callers) in raw.items():
        seconds, count = layers.get(layer_of(filename, name), (0.0, 0))
        layers[layer_of(filename, name)] = (seconds + tottime, count + calls)
    return int(stats.total_calls), layers  # type: ignore[attr-defined]


def report(kind: str, n: int, counts: dict[str, int], path: str) -> None:
    calls, layers = by_layer(path)
    total = sum(seconds for seconds, _calls in layers.values()) or 1.0
    print(f"\n{kind}: {n} requests, one at a time")
    for name in sorted(counts):
        print(f"  {name:12s} {counts[name] / n:6.2f} per request")
    print(f"  function calls {calls / n:,.0f} per request (cProfile)")
    print("  layer            self time share   calls per request")
    for name, (seconds, count) in sorted(layers.items(), key=lambda item: -item[1][0]):
        print(f"  {name:16s} {100 * seconds / total:5.1f} %  {count / n:10,.0f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.cost", description=__doc__)
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--rate", type=float, default=20.0)
    p.add_argument("--kinds", default="checkin,reflect,click")
    p.add_argument("--statements", action="store_true", help="print each statement's text")
    args = p.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-cost-"))
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    backend = "postgresql" if server_url else "sqlite"
    database = asyncio.run(
        databases.create(backend, "cost", workdir=workdir, server_url=server_url)
    )
    children: list[Child] = []
    try:
        fake = Child("fake-slack", fakeslack.setup, log_file=workdir / "fake.log")
        children.append(fake)
        users = databases.user_ids(POOL)
        asyncio.run(
            databases.seed_team_with_members(database.url, fake.info["team"], CHANNEL, users)
        )
        gen = Child("loadgen", loadgen.setup, log_file=workdir / "loadgen.log")
        info = fake.info
        ours = Child(
            "ours", counted_ours, database.url, info["api_url"], info["token"],
            log_file=workdir / "ours.log",
        )  # fmt: skip
        children += [gen, ours]
        target = Target(database.label, ours)
        context = {"loadgen": gen, "fake": fake, "users": Users(users), "team": info["team"]}
        print(f"{database.label}, {args.count} requests of each kind at {args.rate:g}/s")
        for kind in args.kinds.split(","):
            _measure(target, kind, args, context, workdir)
    finally:
        for child in reversed(children):
            child.close()
        asyncio.run(databases.drop(database, server_url))
    return 0


def _measure(
    target: Target, kind: str, args: argparse.Namespace, context: dict[str, Any], workdir: Path
) -> None:
    wire = "click" if kind == "click" else "command"
    send = {**context, "channel": CHANNEL, "text": TEXTS.get(kind), "record": False}
    run_one(target, wire, Load(args.rate, 20), **send)  # warm up: caches, prepared statements
    path = str(workdir / f"{kind}.prof")
    target.server.call("count_start")
    result = run_one(target, wire, Load(args.rate, args.count), **send)
    counts, texts = target.server.call("count_stop", path)
    report(kind, args.count, counts, path)
    if args.statements:
        for statement, n in sorted(texts.items(), key=lambda item: -item[1]):
            print(f"  {n / args.count:5.2f} × {' '.join(statement.split())[:300]}")
    print(f"  server CPU {result['server_cpu_ms']:.2f} ms per request (profiled; load moves it)")


if __name__ == "__main__":
    raise SystemExit(main())
