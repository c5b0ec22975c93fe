"""A driving adapter like Slack: every `poll_seconds` APScheduler calls the core's tick, which
claims and posts whatever is due. Schedules live in the database, so a change made through any
process is obeyed by every process at its next tick.

APScheduler's own defaults are set explicitly (PLATFORM-NOTES): the tick job coalesces missed
ticks into one, never runs twice at once, and runs however late it is; how late a *nudge* may
be is the core's grace (`misfire_grace_minutes`), applied per schedule.

A normal stop (SIGTERM, SIGINT) drains: no new tick starts, and the tick in progress finishes
(the whole minute's runs, posted and recorded) within `drain_seconds`. Half-way through, it
stops claiming further batches, so that what it has claimed is still posted in the time left.
Only then is APScheduler shut down (its asyncio executor cancels a job still running)."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import UTC
from pathlib import Path
from typing import IO, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.api import StorageUnavailable, metrics

log = logging.getLogger("plcbot.scheduler")


class Ticks(Protocol):
    async def tick(self) -> object: ...

    def stop_claiming(self) -> None: ...


class SingleSchedulerLock:
    """With SQLite only one process may run the scheduler: an exclusive lock on a file beside
    the database. PostgreSQL needs none (claims are exactly-once in the database)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def tick_trigger(poll_seconds: int) -> CronTrigger | IntervalTrigger:
    """Ticks on the wall clock's round seconds when they divide a minute (a 15:30 nudge goes
    out at 15:30:00, not at a process-dependent offset)."""
    if 60 % poll_seconds == 0:
        return CronTrigger(second=f"*/{poll_seconds}", timezone=UTC)
    return IntervalTrigger(seconds=poll_seconds, timezone=UTC)


class SchedulerAdapter:
    def __init__(
        self,
        *,
        runner: Ticks,
        poll_seconds: int = 30,
        lock: SingleSchedulerLock | None = None,
        daily: Callable[[], Awaitable[object]] | None = None,
        drain_seconds: float = 25.0,
    ) -> None:
        self._runner = runner
        self._poll = poll_seconds
        self._lock = lock
        self._daily = daily
        self._drain_seconds = drain_seconds
        self._stopping = False
        self._idle = asyncio.Event()  # no tick in progress
        self._idle.set()
        self.ticks = 0
        self.last_report: object = None  # what the last tick that ran did (the runner's report)

    async def daily(self) -> None:
        if self._daily is None:
            return
        try:
            await self._daily()
        except StorageUnavailable:
            log.warning("database unavailable; the daily retention job will run again tomorrow")

    async def tick(self) -> None:
        if self._stopping:
            return
        self._idle.clear()
        try:
            report = await self._runner.tick()
        except StorageUnavailable:
            metrics().database_error()
            log.warning("database unavailable; the scheduler will try again at the next tick")
            return
        finally:
            self._idle.set()
        self.ticks += 1
        self.last_report = report
        log.debug("tick: %s", report)

    async def _drain(self, scheduler: AsyncIOScheduler) -> None:
        """No new tick; the one in progress finishes its posts (bounded), then shut down."""
        self._stopping = True
        scheduler.pause()
        if not self._idle.is_set():
            log.info(
                "stopping: the tick in progress finishes its posts first (at most %s s)",
                self._drain_seconds,
            )
            try:
                await asyncio.wait_for(self._idle.wait(), self._drain_seconds / 2)
            except TimeoutError:
                self._runner.stop_claiming()  # post what is claimed in the time left
            try:
                await asyncio.wait_for(self._idle.wait(), self._drain_seconds / 2)
            except TimeoutError:
                log.warning(
                    "the tick in progress did not finish within %s s; its unrecorded runs stay "
                    "'claimed' (post outcome unknown) and are listed by /plc schedule list",
                    self._drain_seconds,
                )
        scheduler.shutdown(wait=False)

    async def run(self, stop: asyncio.Event) -> None:
        if self._lock is not None and not self._lock.acquire():
            log.warning(
                "another plcbot process runs the scheduler on this SQLite database (%s); "
                "this one runs without it. Use PostgreSQL to run the scheduler in several processes.",
                self._lock.path,
            )
            await stop.wait()
            return
        scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        scheduler.add_job(
            self.tick, tick_trigger(self._poll), id="plcbot-tick", replace_existing=True
        )
        if self._daily is not None:
            # Retention: once a day at a quiet hour; idempotent, so every process may run it.
            scheduler.add_job(
                self.daily, CronTrigger(hour=3, minute=17, timezone=UTC), id="plcbot-retention"
            )
        scheduler.start()
        log.info("scheduler running: a tick every %s s", self._poll)
        try:
            await stop.wait()
        finally:
            await self._drain(scheduler)
            if self._lock is not None:
                self._lock.release()
