"""The composition root: the one place that knows every layer and wires them together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.clock import SystemClock
from bot.config import Config
from bot.credential_catalog import load_catalog
from bot.library import Libraries
from bot.library_loader import load_libraries
from bot.observe import use_metrics
from bot.platform import PlatformAdapter
from bot.ports import Chat, Clock, UnitOfWorkFactory
from bot.service import PlcBot
from bot.supervision import shut_down, supervise, until_stopped
from bot.usecases.context import Settings
from plcbot.http_processes import http_processes
from plcbot.logs import configure_logging
from plcbot.signals import stopped_by_signals
from storage.engine import default_sqlite_url, make_engine
from storage.installations import SqlInstallationStore
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory

__all__ = [
    "Storage",
    "build_bot",
    "configure_logging",
    "database_url",
    "open_storage",
    "run_adapters",
]

if TYPE_CHECKING:
    from adapters.scheduler import SchedulerAdapter
    from bot.chat_router import ChatRouter
    from plcbot.http_processes import HttpProcesses
    from plcbot.scheduling import SchedulerProcess

DRAIN_SECONDS = 10.0  # posts still being delivered when told to stop get this long
log = logging.getLogger("plcbot")


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
    throttled: bool = True,
) -> PlcBot:
    return PlcBot(
        uow=uow,
        chat=chat,
        libraries=libraries or load_libraries(),
        clock=clock or SystemClock(),
        deliver_in_background=background,
        settings=Settings(
            default_timezone=config.default_timezone,
            default_language=config.default_language,
            throttled=throttled,
            retention_days=config.retention_days,
            catalog=load_catalog([config.credentials_folder])
            if config.credentials_folder
            else None,
        ),
    )


async def run_adapters(config: Config, platforms: list[str]) -> int:
    """`plcbot run`: every adapter whose credentials are set, the scheduler, one database, and
    the operations listener. Each adapter runs under supervision (bot/supervision.py); SIGINT
    or SIGTERM stops them all, within seconds, and the process exits 0. It exits 1 when every
    platform adapter stopped for good."""
    from bot.chat_router import ChatRouter
    from plcbot.simulated import controlled, simulated_clock

    slack = config.platforms.get("slack")
    clock = simulated_clock(  # None unless a simulation's; refused off loopback
        platforms=platforms, http_processes=getattr(slack, "http_processes", 1)
    )
    url = database_url(config)
    libraries = load_libraries()
    async with open_storage(url) as storage:
        await _declare(config, storage)
        router = ChatRouter()
        adapters = _platform_adapters(config, platforms, router, storage)
        extra = http_processes(config, adapters)  # [slack] http_processes: processes 1 … N-1
        bot = build_bot(
            config,
            uow=storage.uow,
            chat=router,
            libraries=libraries,
            background=True,
            clock=clock,
            throttled=clock is None,  # a rate on a clock that stands still measures nothing
        )
        scheduler: SchedulerAdapter | SchedulerProcess | None = None
        if config.scheduler.enabled and clock is None:  # a simulation's ticks when told (below)
            scheduler = _scheduler(config, platforms, url, storage, router, libraries)
        async with _operations(config, storage, adapters), AsyncExitStack() as stack:
            if clock is not None:
                on = (config, url, storage.uow, router, libraries)
                await stack.enter_async_context(controlled(clock, on, bot, adapters.values()))
            if config.web.enabled:
                from plcbot.panel import mount_on, panel_running

                slack = adapters.get("slack")
                if slack is None or not mount_on(slack, config):  # else on Slack's port
                    await stack.enter_async_context(panel_running(config, bot))
            return await _serve(config, bot, adapters, scheduler, extra)


async def _declare(config: Config, storage: Storage) -> None:
    from bot.declared import apply_declared

    declared = await apply_declared(
        storage.uow,
        SystemClock(),
        config.declared,
        default_timezone=config.default_timezone,
        default_language=config.default_language,
    )
    if config.communities:
        logging.getLogger("plcbot").info("%s", declared)


@asynccontextmanager
async def _operations(
    config: Config, storage: Storage, adapters: dict[str, PlatformAdapter]
) -> AsyncIterator[None]:
    """The process's metrics plugged into the core, and the operations listener (if on)."""
    from plcbot.metrics import PrometheusMetrics
    from plcbot.ops import OperationsListener, Readiness
    from storage.health import database_problem, pool_in_use

    metrics = PrometheusMetrics()
    engine: Any = storage.engine
    metrics.watch_pool(partial(pool_in_use, engine))
    use_metrics(metrics)
    listener = None
    if config.operations.enabled:
        readiness = Readiness(partial(database_problem, engine), adapters)
        listener = OperationsListener(config.operations, metrics, readiness)
        await listener.start()
    try:
        yield
    finally:
        if listener is not None:
            await listener.stop()
        use_metrics(None)


async def _serve(
    config: Config,
    bot: PlcBot,
    adapters: dict[str, PlatformAdapter],
    scheduler: SchedulerAdapter | SchedulerProcess | None,
    extra: HttpProcesses | None = None,
) -> int:
    """Until a signal (0) or no platform adapter is left (1). A signal first stops the
    scheduler, whose tick in progress posts through the adapters' chat; once it has drained
    (bounded by its drain time) and the posts of answered requests still on their way have
    gone out (bounded by DRAIN_SECONDS), the adapters stop. Extra HTTP processes (`extra`) are
    told to stop at the signal, and waited for."""
    stop = asyncio.Event()
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
        if scheduler is not None:
            scheduling = asyncio.create_task(
                supervise("scheduler", partial(scheduler.run, draining), draining),
                name="the scheduler",
            )
            tasks.append(scheduling)
        children = [t for t in (scheduling,) if t is not None]
        if extra is not None:
            children.append(asyncio.create_task(extra.run(draining), name="the HTTP processes"))
            tasks.append(children[-1])
        tasks.append(asyncio.create_task(_stop_after_drain(draining, scheduling, stop, bot)))
        names = [*adapters, "scheduler"] if scheduler is not None else list(adapters)
        log.info("plcbot running: %s", ", ".join(names))
        await until_stopped(stop, running)
        signalled = draining.is_set()
        if not signalled:
            log.error("no platform adapter is left running; plcbot stops")
        draining.set()
        if children:
            await asyncio.wait(children, timeout=config.scheduler.drain_seconds + 5)
        stop.set()
        await shut_down(tasks)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(bot.drain(), DRAIN_SECONDS)
    return 0 if signalled else 1


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

    process = config.scheduler.process
    if process is None:  # not set: separate where the database is shared by processes
        process = "inline" if url.startswith("sqlite") else "separate"
    if process == "separate":
        connected_only = without_poster(platforms)
        if not connected_only:
            return SchedulerProcess(config)
        logging.getLogger("plcbot").info(
            "the scheduler runs in this process: %s posts only from the process connected to it",
            ", ".join(connected_only),
        )
    return build_scheduler(config, url, storage.uow, router, libraries)


async def _stop_after_drain(
    draining: asyncio.Event, scheduling: asyncio.Task[Any] | None, stop: asyncio.Event, bot: PlcBot
) -> None:
    """Once a signal has come and the scheduler has drained, posts still on their way get
    DRAIN_SECONDS (the adapters' connections carry them), then the adapters stop."""
    await draining.wait()
    if scheduling is not None:
        await asyncio.wait([scheduling])
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(bot.drain(), DRAIN_SECONDS)
    stop.set()
