"""`python -m benchmarks.core_cost`: what one command costs the core and storage alone, without
HTTP or Bolt: `PlcBot.command(actor, "/plc checkin 4")` (and `/plc reflect ...`) run one after
the other in this process on a seeded database, the Python function calls per command
(cProfile's count, a coroutine's every resume counting one) and each layer's share of them.
A count does not move with the machine's load, so a change to the request path can be judged
in seconds; `python -m benchmarks.cost` gives the whole server's figures against bare Bolt.
PostgreSQL when TEST_DATABASE_URL is set, else SQLite."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks import databases
from benchmarks.cost import by_layer
from benchmarks.profile import TEXTS
from benchmarks.sections import CHANNEL, POOL

TEAM = "TCORE"


async def _measure(url: str, kind: str, count: int, workdir: Path) -> None:
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
        await bot.drain()
    path = str(workdir / f"{kind}.prof")
    profiler.dump_stats(path)
    calls, layers = by_layer(path)
    shares = sorted(layers.items(), key=lambda item: -item[1][1])
    print(f"{kind}: function calls {calls / count:,.0f} per command")
    print("  " + ", ".join(f"{name} {n / count:,.0f}" for name, (_s, n) in shares if n >= count))


async def _run(kinds: list[str], count: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-core-cost-"))
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    backend = "postgresql" if server_url else "sqlite"
    database = await databases.create(backend, "core", workdir=workdir, server_url=server_url)
    try:
        users = databases.user_ids(POOL)
        await databases.seed_team_with_members(database.url, TEAM, CHANNEL, users)
        print(f"{database.label}, {count} commands of each kind, one after the other")
        for kind in kinds:
            await _measure(database.url, kind, count, workdir)
    finally:
        await databases.drop(database, server_url)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.core_cost", description=__doc__)
    p.add_argument("--count", type=int, default=300)
    p.add_argument("--kinds", default="checkin,reflect")
    args = p.parse_args(argv)
    asyncio.run(_run(args.kinds.split(","), args.count))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
