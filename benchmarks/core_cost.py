"""`python -m benchmarks.core_cost`: what one command costs the core and storage alone, without
HTTP or Bolt: `PlcBot.command(actor, "/plc checkin 4")` (and `/plc reflect ...`) run one after
the other in this process on a seeded database, the Python function calls per command
(cProfile's count, a coroutine's every resume counting one) and each layer's share of them.
A count does not move with the machine's load, so a change to the request path can be judged
in seconds; `python -m benchmarks.cost` gives the whole server's figures against bare Bolt.
PostgreSQL when TEST_DATABASE_URL is set, else SQLite.

It also prints the CPU per command without the profiler (on plcbot's own event loop): back to
back, and with a pause between commands (`--pause`, 20 ms by default: a request every 20 ms,
as at the benchmark's 50/s). After a pause a command finds the processor's caches cold, and
costs several times its back-to-back CPU; bare Bolt's requests do too (docs/benchmarks.md:
its CPU a request at 50/s against inside a burst)."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from benchmarks import databases
from benchmarks.cost import by_layer
from benchmarks.profile import TEXTS
from benchmarks.sections import CHANNEL, POOL
from plcbot.loop import run

TEAM = "TCORE"


async def _cpu(one: Callable[[], Awaitable[None]], count: int, pause: float) -> float:
    """CPU (ms) per command over `count` commands, `pause` seconds between them; the median
    of three such runs."""
    runs = []
    for _ in range(3):
        started = time.process_time()
        for _ in range(count):
            await one()
            if pause:
                await asyncio.sleep(pause)
        runs.append((time.process_time() - started) / count * 1000)
    return sorted(runs)[1]


async def _measure(url: str, kind: str, count: int, workdir: Path, pause: float) -> None:
    from bot.chat_router import ChatRouter
    from bot.config import Config
    from bot.domain import CommunityRef
    from bot.usecases.context import Actor
    from plcbot.app import build_bot, open_storage

    users = databases.user_ids(POOL)
    line = f"/plc {TEXTS[kind]}"
    async with open_storage(url) as storage:
        bot = build_bot(Config(), uow=storage.uow, chat=ChatRouter(), background=True)
        community = CommunityRef("slack", TEAM)
        sent = 0

        async def one() -> None:
            nonlocal sent
            sent += 1
            actor = Actor(community, users[sent % len(users)], CHANNEL)
            outcome = await bot.command(actor, line, event_key=f"{kind}-{sent}")
            assert outcome.ok, outcome

        for _ in range(50):  # warm up: caches, prepared statements
            await one()
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(count):
            await one()
        profiler.disable()
        hot = await _cpu(one, count, 0.0)
        cold = await _cpu(one, min(count, 200), pause)
        await bot.drain()
    path = str(workdir / f"{kind}.prof")
    profiler.dump_stats(path)
    calls, layers = by_layer(path)
    shares = sorted(layers.items(), key=lambda item: -item[1][1])
    print(f"{kind}: function calls {calls / count:,.0f} per command")
    print("  " + ", ".join(f"{name} {n / count:,.0f}" for name, (_s, n) in shares if n >= count))
    print(
        f"  CPU per command, unprofiled: {hot:.2f} ms back to back, {cold:.2f} ms with "
        f"{pause * 1000:.0f} ms between commands ({cold / hot:.1f}x)"
    )


async def _run(kinds: list[str], count: int, pause: float) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-core-cost-"))
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    backend = "postgresql" if server_url else "sqlite"
    database = await databases.create(backend, "core", workdir=workdir, server_url=server_url)
    try:
        users = databases.user_ids(POOL)
        await databases.seed_team_with_members(database.url, TEAM, CHANNEL, users)
        print(f"{database.label}, {count} commands of each kind, one after the other")
        for kind in kinds:
            await _measure(database.url, kind, count, workdir, pause)
    finally:
        await databases.drop(database, server_url)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.core_cost", description=__doc__)
    p.add_argument("--count", type=int, default=300)
    p.add_argument("--kinds", default="checkin,reflect")
    p.add_argument("--pause", type=float, default=0.02, help="seconds between commands")
    args = p.parse_args(argv)
    run(_run(args.kinds.split(","), args.count, args.pause))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
