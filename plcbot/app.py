"""The composition root: the one place that knows every layer and wires them together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.clock import SystemClock
from bot.config import Config
from bot.library import Libraries
from bot.library_loader import load_libraries
from bot.platform import PlatformAdapter
from bot.ports import Chat, Clock, UnitOfWorkFactory
from bot.service import PlcBot
from bot.supervision import shut_down, supervise, until_stopped
from bot.usecases.context import Settings
from storage.engine import default_sqlite_url, make_engine
from storage.installations import SqlInstallationStore
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory

if TYPE_CHECKING:
    from adapters.scheduler import SchedulerAdapter
    from bot.chat_router import ChatRouter
    from plcbot.scheduling import SchedulerProcess

DRAIN_SECONDS = 3.0  # posts still being delivered when told to stop get this long


def database_url(config: Config, *, sqlite_file: Path | None = None) -> str:
    if config.database_url:
        return config.database_url
    if sqlite_file is not None:
        return f"sqlite+aiosqlite:///{sqlite_file}"
    return default_sqlite_url(config.data_dir)


@dataclass
class Storage:
    url: str
    uow: UnitOfWorkFactory
    engine: object
    installations: SqlInstallationStore  # the installation store and the OAuth states

    async def close(self) -> None:
        await self.engine.dispose()  # type: ignore[attr-defined]


@asynccontextmanager
async def open_storage(url: str) -> AsyncIterator[Storage]:
    """Apply migrations, then hand out units of work on one engine."""
    await upgrade(url)
    engine = make_engine(url)
    try:
        yield Storage(url, SqlUnitOfWorkFactory(engine), engine, SqlInstallationStore(engine))
    finally:
        await engine.dispose()


def build_bot(
    config: Config,
    *,
    background: bool = False,
    uow: UnitOfWorkFactory,
    chat: Chat,
    clock: Clock | None = None,
    libraries: Libraries | None = None,
) -> PlcBot:
    return PlcBot(
        uow=uow,
        chat=chat,
        libraries=libraries or load_libraries(),
        clock=clock or SystemClock(),
        deliver_in_background=background,
        settings=Settings(
            default_timezone=config.default_timezone, default_language=config.default_language
        ),
    )


def configure_logging(level: str) -> None:
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # SDKs log request bodies at DEBUG; bodies carry reflections and tokens. Keep them quieter.
    for noisy in (
        "slack_bolt",
        "slack_sdk",
        "discord",
        "aiosqlite",
        "asyncio",
        "apscheduler",
        "alembic",
    ):
        logging.getLogger(noisy).setLevel(
            max(logging.WARNING, getattr(logging, level, logging.INFO))
        )


async def run_adapters(config: Config, platforms: list[str]) -> int:
    """`plcbot run`: every adapter whose credentials are set, the scheduler, one database.
    Each runs under supervision (bot/supervision.py); SIGINT or SIGTERM stops them all, within
    seconds, and the process exits 0. It exits 1 when every platform adapter stopped for good."""
    from bot.chat_router import ChatRouter
    from bot.declared import apply_declared

    log = logging.getLogger("plcbot")
    url = database_url(config)
    libraries = load_libraries()
    async with open_storage(url) as storage:
        declared = await apply_declared(
            storage.uow,
            SystemClock(),
            config.declared,
            default_timezone=config.default_timezone,
            default_language=config.default_language,
        )
        if config.communities:
            log.info("%s", declared)
        router = ChatRouter()
        adapters = _platform_adapters(config, platforms, router, storage)
        bot = build_bot(config, uow=storage.uow, chat=router, libraries=libraries, background=True)
        stop = asyncio.Event()
        # A signal first stops the scheduler, whose tick in progress posts through the adapters'
        # chat; the adapters stop once it has drained (bounded by its drain time).
        draining = asyncio.Event()
        with stopped_by_signals(draining):
            running = [
                asyncio.create_task(
                    supervise(name, partial(a.run, bot, stop), stop), name=f"the {name} adapter"
                )
                for name, a in adapters.items()
            ]
            tasks: list[asyncio.Task[Any]] = list(running)
            scheduling: asyncio.Task[Any] | None = None
            if config.scheduler.enabled:
                scheduler = _scheduler(config, platforms, url, storage, router, libraries)
                scheduling = asyncio.create_task(
                    supervise("scheduler", partial(scheduler.run, draining), draining),
                    name="the scheduler",
                )
                tasks.append(scheduling)
            tasks.append(asyncio.create_task(_stop_after_drain(draining, scheduling, stop)))
            log.info(
                "plcbot running: %s",
                ", ".join([*platforms, "scheduler"] if config.scheduler.enabled else platforms),
            )
            await until_stopped(stop, running)
            signalled = draining.is_set()
            if not signalled:
                log.error("no platform adapter is left running; plcbot stops")
            draining.set()
            if scheduling is not None:
                await asyncio.wait([scheduling], timeout=config.scheduler.drain_seconds + 5)
            stop.set()
            await shut_down(tasks)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(bot.drain(), DRAIN_SECONDS)
        return 0 if signalled else 1


@contextlib.contextmanager
def stopped_by_signals(stop: asyncio.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` while the adapters run."""
    import signal

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        yield
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


def _platform_adapters(
    config: Config, platforms: list[str], router: ChatRouter, storage: Storage
) -> dict[str, PlatformAdapter]:
    """Each named platform, built by its registry entry from its own config section."""
    from plcbot.registry import platform

    adapters: dict[str, PlatformAdapter] = {}
    for name in platforms:
        entry = platform(name)
        section = config.platforms.get(name)
        adapter = entry.build(
            section if section is not None else entry.read_section({}), os.environ, storage
        )
        router.add(name, adapter.chat)
        adapters[name] = adapter
    return adapters


def _scheduler(
    config: Config,
    platforms: list[str],
    url: str,
    storage: Storage,
    router: ChatRouter,
    libraries: Libraries,
) -> SchedulerAdapter | SchedulerProcess:
    """A child process of its own (`[scheduler] process`, plcbot/scheduling.py) when every
    running platform can post from one; otherwise on this event loop."""
    from plcbot.scheduling import SchedulerProcess, build_scheduler, without_poster

    if config.scheduler.process == "separate":
        connected_only = without_poster(platforms)
        if not connected_only:
            return SchedulerProcess(config)
        logging.getLogger("plcbot").info(
            "the scheduler runs in this process: %s posts only from the process connected to it",
            ", ".join(connected_only),
        )
    return build_scheduler(config, url, storage.uow, router, libraries)


async def _stop_after_drain(
    draining: asyncio.Event, scheduling: asyncio.Task[Any] | None, stop: asyncio.Event
) -> None:
    """Once a signal has come and the scheduler has drained, the adapters stop."""
    await draining.wait()
    if scheduling is not None:
        await asyncio.wait([scheduling])
    stop.set()
