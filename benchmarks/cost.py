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

COUNTED = 50  # requests of each kind whose statements are counted (the counts do not vary)

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
OTHER = "other (stdlib)"
TRANSACTIONS = ("begin", "commit", "rollback")
# checkout: a unit of work took a connection from the pool; connect, close, invalidate: the pool
# opened a new connection to the database, closed one, found one dead
POOL_EVENTS = ("checkout", "connect", "close", "invalidate")


class Counts:
    """Statements, transactions and connection checkouts on every engine of the process, while
    switched on (listening costs SQLAlchemy calls, so the profile runs without it)."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()
        self._had_events = False
        self._listeners: list[tuple[Any, str, Callable[..., None]]] = [
            (Engine, "before_cursor_execute", self._statement),
            *((Engine, name, self._counter(f"transaction {name}")) for name in TRANSACTIONS),
            *((Pool, name, self._counter(name)) for name in POOL_EVENTS),
        ]

    def _statement(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.seen["statement"] += 1
        self.seen[statement.split(None, 1)[0].upper()] += 1
        self.texts[statement] += 1

    def _counter(self, name: str) -> Callable[..., None]:
        def count(*args: Any) -> None:
            self.seen[name] += 1

        return count

    def start(self) -> None:
        self.seen.clear()
        self.texts.clear()
        self._had_events = Engine._has_events
        for target, name, listener in self._listeners:
            event.listen(target, name, listener)

    def stop(self) -> tuple[dict[str, int], dict[str, int]]:
        for target, name, listener in self._listeners:
            event.remove(target, name, listener)
        # Listening on the Engine class marks every engine as having listeners for good, and
        # SQLAlchemy then dispatches events around each statement: the profile that follows
        # would count calls no server in service makes.
        Engine._has_events = self._had_events
        return dict(self.seen), dict(self.texts)


def _counting(handlers: Handlers) -> Handlers:
    """A server's handlers, with the counters (`count_start`, `count_stop`) and a profiler
    (`profile_start`, `profile_stop`) to switch on and off."""
    counts = Counts()
    profilers = [cProfile.Profile(time.process_time)]  # CPU time: a wait is not a cost

    async def count_start() -> None:
        counts.start()

    async def count_stop() -> tuple[dict[str, int], dict[str, int]]:
        return counts.stop()

    async def profile_start() -> None:
        profilers[0] = cProfile.Profile(time.process_time)  # a fresh one: a profile adds up
        profilers[0].enable()

    async def profile_stop(path: str) -> None:
        profilers[0].disable()
        profilers[0].dump_stats(path)

    return {
        **handlers,
        "count_start": count_start,
        "count_stop": count_stop,
        "profile_start": profile_start,
        "profile_stop": profile_stop,
    }


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
    return OTHER


def by_layer(path: str) -> tuple[int, dict[str, tuple[float, int]]]:
    """The profile's total calls, and each layer's (self seconds, calls). A builtin or a
    standard-library helper (isinstance, dict.get, contextlib, typing.cast) counts in the layer
    of the function that called it: that layer's work."""
    stats = pstats.Stats(path)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    own = {key: layer_of(key[0], key[2]) for key in raw}
    layers: dict[str, tuple[float, int]] = {}

    def add(layer: str, seconds: float, count: int) -> None:
        was = layers.get(layer, (0.0, 0))
        layers[layer] = (was[0] + seconds, was[1] + count)

    for key, (_cc, calls, tottime, _ct, callers) in raw.items():
        if own[key] != OTHER or not callers:
            add(own[key], tottime, calls)
            continue
        for caller, (_ccc, by_caller, _tt, _cct) in callers.items():
            share = by_caller / calls if calls else 0.0
            add(own.get(caller, OTHER), tottime * share, by_caller)
    return int(stats.total_calls), layers  # type: ignore[attr-defined]


def report(label: str, n: int, counts: dict[str, float], path: str) -> int:
    """Print one server's figures for one kind of request; its function calls per request."""
    calls, layers = by_layer(path)
    total = sum(seconds for seconds, _calls in layers.values()) or 1.0
    print(f"  {label}: function calls {calls / n:,.0f} per request (cProfile)")
    if counts:
        each = ", ".join(f"{name} {counts[name] / n:.2f}" for name in sorted(counts))
        print(f"    per request: {each}")
    shares = sorted(layers.items(), key=lambda item: -item[1][0])
    print("    self time share (calls per request): " + ", ".join(
        f"{name} {100 * seconds / total:.0f} % ({count / n:,.0f})"
        for name, (seconds, count) in shares if seconds / total >= 0.005
    ))  # fmt: skip
    return calls


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.cost", description=__doc__)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--rate", type=float, default=5.0)
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
        info = fake.info
        users = databases.user_ids(POOL)
        asyncio.run(databases.seed_team_with_members(database.url, info["team"], CHANNEL, users))
        gen = Child("loadgen", loadgen.setup, log_file=workdir / "loadgen.log")
        api = (info["api_url"], info["token"])
        bare = Child("bare", counted_bare, *api, log_file=workdir / "bare.log")
        ours = Child("ours", counted_ours, database.url, *api, log_file=workdir / "ours.log")
        children += [gen, bare, ours]
        targets = [Target("bare Bolt", bare), Target(database.label, ours)]
        context = {"loadgen": gen, "fake": fake, "users": Users(users), "team": info["team"]}
        print(f"{database.label}, {args.count} requests of each kind at {args.rate:g}/s")
        for kind in args.kinds.split(","):
            _measure(targets, kind, args, context, workdir)
    finally:
        for child in reversed(children):
            child.close()
        asyncio.run(databases.drop(database, server_url))
    return 0


def _measure(
    targets: list[Target],
    kind: str,
    args: argparse.Namespace,
    context: dict[str, Any],
    workdir: Path,
) -> None:
    wire = "click" if kind == "click" else "command"
    send = {**context, "channel": CHANNEL, "text": TEXTS.get(kind), "record": False}
    print(f"\n{kind}")
    calls = []
    for target in targets:
        run_one(target, wire, Load(args.rate, 20), **send)  # warm up: caches, prepared statements
        target.server.call("count_start")
        run_one(target, wire, Load(args.rate, COUNTED), **send)
        counts, texts = target.server.call("count_stop")
        path = str(workdir / f"{kind}-{len(calls)}.prof")
        target.server.call("profile_start")
        result = run_one(target, wire, Load(args.rate, args.count), **send)
        target.server.call("profile_stop", path)
        counted = {name: n * args.count / COUNTED for name, n in counts.items()}
        calls.append(report(target.label, args.count, counted, path))
        print(
            f"    server CPU {result['server_cpu_ms']:.2f} ms per request (profiled; load moves "
            f"it); acked 'Working on it…' {result['working']} (answered later: more calls)"
        )
        if args.statements:
            for statement, n in sorted(texts.items(), key=lambda item: -item[1]):
                print(f"    {n / COUNTED:5.2f} × {' '.join(statement.split())[:300]}")
    print(f"  function calls, ours / bare Bolt: {calls[1] / calls[0]:.2f}x")


if __name__ == "__main__":
    raise SystemExit(main())
