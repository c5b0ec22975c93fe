"""The scheduler, inline or in a process of its own (part of the composition root).

`[scheduler] process = "separate"` (the default): `plcbot run` starts `plcbot scheduler` as a
supervised child process. The child has its own engine and its own platform clients (each
platform's `poster`: Web API clients, no server), so a tick's claiming and posting never take
the request handlers' turn on the parent's event loop; it runs at a lower CPU priority
(NICENESS), so on a machine short of cores requests come first and the tick takes what is left.
Exactly-once claims are the database's (PostgreSQL claims, SQLite's single-scheduler lock),
whichever process ticks.

The parent supervises the child like any adapter: a child that dies is started again (the
backoff of bot/supervision.py); a configuration error is not retried. On SIGTERM/SIGINT the
parent sends SIGTERM to the child, which drains its tick (`drain_seconds`) and exits; the
parent waits for it (then kills it past the drain time plus a margin) before it stops its own
adapters. A child whose parent is gone (even killed with SIGKILL) stops by itself within a
second, draining like on SIGTERM: no orphan keeps ticking.

`"inline"`: the scheduler runs on the same event loop as the platform adapters (also the
fallback when a running platform has no poster: it posts only from the process connected to
it)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import timedelta
from functools import partial

from adapters.scheduler import SchedulerAdapter, SingleSchedulerLock
from bot.chat_router import ChatRouter
from bot.clock import SystemClock
from bot.config import Config, ConfigError
from bot.library import Libraries
from bot.library_loader import load_libraries
from bot.ports import Chat, Clock, UnitOfWorkFactory
from bot.retention import RetentionJob
from bot.scheduling.runner import ScheduleRunner
from bot.supervision import supervise
from plcbot.children import CONFIG_ERROR_EXIT, run_child, watch_parent

log = logging.getLogger("plcbot.scheduler")

NICENESS = 10  # the child's CPU priority below the request handlers' (os.nice)
STOP_MARGIN = 5.0  # past drain_seconds, the parent kills a child that has not exited


def schedule_runner(
    config: Config,
    uow: UnitOfWorkFactory,
    chat: Chat,
    libraries: Libraries,
    clock: Clock | None = None,
) -> ScheduleRunner:
    return ScheduleRunner(
        uow=uow,
        chat=chat,
        libraries=libraries,
        clock=clock or SystemClock(),
        grace=timedelta(minutes=config.scheduler.misfire_grace_minutes),
        # Only what this process can post: another process may serve a platform it does not.
        platforms=chat.platforms if isinstance(chat, ChatRouter) else None,
    )


def build_scheduler(
    config: Config,
    url: str,
    uow: UnitOfWorkFactory,
    chat: Chat,
    libraries: Libraries,
    *,
    clock: Clock | None = None,
) -> SchedulerAdapter:
    """`clock`: the simulated clock (plcbot/simulated.py); else the system's."""
    runner = schedule_runner(config, uow, chat, libraries, clock)
    lock = (
        SingleSchedulerLock(config.data_dir / "scheduler.lock")
        if url.startswith("sqlite")
        else None
    )
    retention = RetentionJob(
        uow=uow,
        clock=clock or SystemClock(),
        default_days=config.retention_days,
        removal_grace_days=config.removal_grace_days,
    )
    return SchedulerAdapter(
        runner=runner,
        poll_seconds=config.scheduler.poll_seconds,
        lock=lock,
        daily=retention.run,
        drain_seconds=config.scheduler.drain_seconds,
    )


def without_poster(platforms: list[str]) -> list[str]:
    """The running platforms that cannot post from a process of their own."""
    from plcbot.registry import platform

    return [name for name in platforms if platform(name).poster is None]


@contextlib.asynccontextmanager
async def posting_chats(
    config: Config, platforms: list[str], storage: object
) -> AsyncIterator[ChatRouter]:
    """A ChatRouter over each platform's poster (its clients, no server), open while inside."""
    from plcbot.registry import platform

    router = ChatRouter()
    async with AsyncExitStack() as stack:
        for name in platforms:
            entry = platform(name)
            if entry.poster is None:
                raise ConfigError(
                    f"{name} posts only from the process connected to it: set [scheduler] "
                    'process = "inline" to run the scheduler inside `plcbot run`'
                )
            section = config.platforms.get(name)
            section = section if section is not None else entry.read_section({})
            chat = await stack.enter_async_context(entry.poster(section, os.environ, storage))
            router.add(name, chat)
        yield router


async def scheduler_command(config: Config, parent: int | None) -> int:
    """`plcbot scheduler [--parent PID]`: posts through every platform whose credentials are
    set. A configuration error exits CONFIG_ERROR_EXIT; any other failure (a database that
    cannot be reached) exits otherwise, and `plcbot run` starts its child again."""
    from plcbot.registry import credentials_help, platform_credentials

    found = [name for name, ok in platform_credentials().items() if ok]
    if not found:
        print(
            f"No platform credentials in the environment to post with.\n{credentials_help()}",
            file=sys.stderr,
        )
        return CONFIG_ERROR_EXIT
    try:
        return await run_scheduler_alone(config, found, parent=parent)
    except ConfigError as e:
        print(f"plcbot scheduler: configuration error: {e}", file=sys.stderr)
        return CONFIG_ERROR_EXIT


async def run_scheduler_alone(config: Config, platforms: list[str], *, parent: int | None) -> int:
    """`plcbot scheduler`: the scheduler alone, posting through the platforms' clients, until
    SIGTERM/SIGINT (or, as a child of `plcbot run`, until that process is gone); then it
    drains the tick in progress and exits 0."""
    from plcbot.app import database_url, open_storage
    from plcbot.signals import stopped_by_signals

    if parent is not None:
        os.nice(NICENESS)
    url = database_url(config)
    async with open_storage(url) as storage, posting_chats(config, platforms, storage) as chat:
        scheduler = build_scheduler(config, url, storage.uow, chat, load_libraries())
        stop = asyncio.Event()
        with stopped_by_signals(stop):
            watching = asyncio.create_task(watch_parent(parent, stop, "scheduler process"))
            log.info("scheduler process %s running for %s", os.getpid(), ", ".join(platforms))
            try:
                await supervise("scheduler", partial(scheduler.run, stop), stop)
            finally:
                watching.cancel()
    return 0


class SchedulerProcess:
    """`plcbot scheduler` as a child of this process, run under `supervise` like an adapter."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self.pid: int | None = None  # the child running now

    def command(self) -> list[str]:
        source = self._config.source
        options = ["--config", str(source)] if source is not None else []
        return [sys.executable, "-m", "plcbot", *options, "scheduler", "--parent", str(os.getpid())]

    async def run(self, stop: asyncio.Event) -> None:
        await run_child(
            self.command(),
            name="scheduler process",
            stop=stop,
            stop_seconds=self._config.scheduler.drain_seconds + STOP_MARGIN,
            started=self._started,
        )

    def _started(self, pid: int | None) -> None:
        self.pid = pid
