"""2 and 3. Scheduler fan-out and memory, in worker processes built like `plcbot run`.

A worker is what plcbot/app.py run_adapters starts for Slack: the migrated database, the
SlackAdapter (its aiohttp server and shared Web API connection pool, SlackChat with the
per-channel pacing), the PlcBot with background delivery, and a ScheduleRunner. The
benchmark calls the runner's tick() directly, as the APScheduler job does every poll, so the
time measured starts at the tick and not at a poll boundary."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from benchmarks.loadgen import SECRET
from benchmarks.procs import Handlers
from benchmarks.stats import cpu_seconds, memory_mib


async def worker(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    from plcbot.app import configure_logging

    configure_logging("INFO")
    from adapters.slack.runner import SlackAdapter
    from adapters.slack.settings import SlackConfig
    from bot.chat_router import ChatRouter
    from bot.clock import SystemClock
    from bot.config import Config
    from bot.library_loader import load_libraries
    from bot.scheduling.runner import ScheduleRunner
    from plcbot.app import build_bot, open_storage

    storage_cm = open_storage(db_url)
    storage = await storage_cm.__aenter__()
    config = Config()
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": token, "SLACK_HTTP_HOST": "127.0.0.1"}
    adapter = SlackAdapter(
        env=env,
        config=SlackConfig(port=0),
        installations=storage.installations,
        states=storage.installations,
        base_url=api_url,
    )
    router = ChatRouter()
    router.add("slack", adapter.chat)
    libraries = load_libraries()
    bot = build_bot(config, uow=storage.uow, chat=router, libraries=libraries, background=True)
    runner = ScheduleRunner(
        uow=storage.uow,
        chat=router,
        libraries=libraries,
        clock=SystemClock(),
        grace=timedelta(minutes=config.scheduler.misfire_grace_minutes),
    )
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(bot, stop))
    await _started(adapter.started, task)

    async def info() -> dict[str, Any]:
        return {"pid": os.getpid(), "url": f"http://127.0.0.1:{adapter.port}/slack/events"}

    async def memory() -> dict[str, float]:
        return memory_mib()

    async def idle(seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def close() -> None:
        stop.set()
        await task
        await bot.drain()
        await storage_cm.__aexit__(None, None, None)

    handlers = {"info": info, "tick": _ticker(runner), "memory": memory, "idle": idle, "cpu": _cpu}
    return handlers, close


async def _cpu() -> float:
    """The process's CPU seconds so far."""
    return cpu_seconds()


async def scheduler_process(
    db_url: str, api_url: str, token: str, niceness: int
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    """What `plcbot run` starts as its child with `[scheduler] process = "separate"`
    (plcbot/scheduling.py): its own engine, Slack's poster (the Web API clients, no server),
    the runner, at the child's CPU priority. The benchmark calls its tick() directly."""
    from plcbot.app import configure_logging

    configure_logging("INFO")
    from bot.config import Config
    from bot.library_loader import load_libraries
    from plcbot.app import open_storage
    from plcbot.scheduling import posting_chats, schedule_runner

    if niceness:
        os.nice(niceness)
    os.environ.update(
        {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": token, "SLACK_API_URL": api_url}
    )
    config = Config()
    storage_cm = open_storage(db_url)
    storage = await storage_cm.__aenter__()
    chats_cm = posting_chats(config, ["slack"], storage)
    chat = await chats_cm.__aenter__()
    runner = schedule_runner(config, storage.uow, chat, load_libraries())

    async def info() -> dict[str, Any]:
        return {"pid": os.getpid()}

    async def close() -> None:
        await chats_cm.__aexit__(None, None, None)
        await storage_cm.__aexit__(None, None, None)

    return {"info": info, "tick": _ticker(runner)}, close


async def _started(started: asyncio.Event, task: asyncio.Task[None]) -> None:
    """Wait until the adapter says it serves, or fails (its error raised here), or 30 s."""
    await asyncio.wait(
        {task, asyncio.create_task(started.wait())},
        timeout=30,
        return_when=asyncio.FIRST_COMPLETED,
    )
    if task.done():
        task.result()


def _ticker(runner: Any) -> Callable[[float], Awaitable[dict[str, Any]]]:
    async def tick(at: float = 0.0) -> dict[str, Any]:
        """Tick at time.monotonic() == `at` (so two workers start together), or at once."""
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        cpu, started = cpu_seconds(), time.monotonic()
        report = await runner.tick()
        return {
            "started": started,
            "finished": time.monotonic(),
            "cpu": cpu_seconds() - cpu,
            "report": vars(report),
        }

    return tick
