"""4. Storage: reflections recorded per second, each through the whole use case.

Each is PlcBot.command(actor, "/plc reflect ...") in the team's channel: the throttle, one
unit of work (community, member, team and role looked up, the person joined to the team,
the latest prompt found, the reflection inserted, its earlier posts looked up), the commit.
Teachers take turns from a pool of seeded members, so the per-person throttle (default
Settings: 30 a minute after a burst of 15) never refuses one; every reply is checked."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from benchmarks.procs import Handlers
from benchmarks.stats import cpu_seconds

TEXT = (
    "Today the exit tickets showed most of the class can model the fraction with a number "
    "line but not explain why the denominator stays the same. Tomorrow I will start with "
    "two student explanations side by side and ask the group which one convinces them."
)


async def setup(
    db_url: str, team: str, channel: str, users: list[str]
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    from bot.chat_router import ChatRouter
    from bot.config import Config
    from bot.domain import CommunityRef
    from bot.usecases.context import Actor
    from plcbot.app import build_bot, open_storage

    storage_cm = open_storage(db_url)
    storage = await storage_cm.__aenter__()
    bot = build_bot(Config(), uow=storage.uow, chat=ChatRouter(), background=True)
    community = CommunityRef("slack", team)
    turn = 0

    async def run(seconds: float, concurrency: int) -> dict[str, Any]:
        nonlocal turn
        deadline = time.perf_counter() + seconds
        done = refused = 0

        async def one_worker() -> None:
            nonlocal done, refused, turn
            while time.perf_counter() < deadline:
                user = users[turn % len(users)]
                turn += 1
                outcome = await bot.command(
                    Actor(community, user, channel), f"/plc reflect {TEXT} ({turn})"
                )
                if outcome.ok:
                    done += 1
                else:
                    refused += 1

        cpu, start = cpu_seconds(), time.perf_counter()
        await asyncio.gather(*(one_worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
        return {
            "recorded": done,
            "refused": refused,
            "per_second": done / elapsed,
            "cpu_ms": 1000 * (cpu_seconds() - cpu) / max(1, done),
            "elapsed": elapsed,
        }

    async def close() -> None:
        await storage_cm.__aexit__(None, None, None)

    return {"run": run}, close
