"""Schedules at scale (issue 19, target 4) in `python -m benchmarks --only schedules100k`:
100,000 teams (5,000 with --quick) with a nudge due in the same minute on PostgreSQL, handed
over by one scheduler worker; its resident memory peak; the scheduler process's start-up to
ready at that size; and the claim cost of every-minute schedules a day behind and on time."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks import databases, fanout, schedules_seed
from benchmarks.loadgen import SECRET
from benchmarks.procs import Child, Handlers
from benchmarks.progress import say
from benchmarks.stats import machine_busy_seconds

ROOT = Path(__file__).resolve().parent.parent
SIZE, QUICK_SIZE = 100_000, 5_000
EVERY_MINUTE = 1_000  # every-minute schedules whose claim cost is measured
WAIT = 900.0  # seconds a hand-over may take before the benchmark gives up on it
NewDatabase = Callable[[str, str], databases.Database]


def run_schedules(
    fake: Child, backends: list[str], new_database: NewDatabase, workdir: Path, quick: bool
) -> dict[str, Any]:
    if "postgresql" not in backends:
        return {"skipped": "needs PostgreSQL (TEST_DATABASE_URL)"}
    slack, size = fake.info, QUICK_SIZE if quick else SIZE
    database = new_database("postgresql", "s100k")
    due, started = databases.fire_minute(), time.monotonic()
    asyncio.run(schedules_seed.seed_with_copy(database.url, slack["team"], size, due))
    out: dict[str, Any] = {"size": size, "seed_seconds": time.monotonic() - started}
    say(f"schedules: seeded {size:,} teams with COPY in {out['seed_seconds']:.1f} s")
    startups = [_startup(database, slack) for _ in range(3)]
    out["startup"], out["startup_cpu"] = [s[0] for s in startups], [s[1] for s in startups]
    out["startup_phases"] = _phases(database, slack, workdir)
    say(f"schedules: start-up to ready {[round(s, 2) for s in out['startup']]} s")
    worker = _child("sched-worker", counted_worker, database, slack, workdir)
    try:
        out["hand_over"] = _hand_over(fake, worker, database.url, size)
    finally:
        worker.close()
    run = out["hand_over"]
    say(
        f"schedules: {run['at_platform']:,} of {size:,} at the platform in "
        f"{run['to_platform']:.1f} s, peak {run['memory']['peak']:.0f} MB, "
        f"{run['statements_per_100']:.1f} statements per 100 claimed, load {run['load']}"
    )
    out["every_minute"] = _every_minute(fake, new_database, workdir)
    return out


def _child(name: str, setup: Any, database: databases.Database, slack: Any, workdir: Path) -> Child:
    return Child(
        name,
        setup,
        database.url,
        slack["api_url"],
        slack["token"],
        log_file=workdir / f"{name}.log",
    )


def _startup(database: databases.Database, slack: Any) -> tuple[float, float]:
    """`plcbot scheduler` itself, from starting the process to its log saying it runs (the
    database checked and migrated to head, the poster open, the polling job started): the
    seconds, and the CPU seconds it had used by then (what a busy machine does not inflate)."""
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "SLACK_BOT_TOKEN": slack["token"],
        "SLACK_API_URL": slack["api_url"],
        "SLACK_SIGNING_SECRET": SECRET,
    }
    started = time.monotonic()
    command = [sys.executable, "-m", "plcbot", "scheduler"]
    with subprocess.Popen(  # noqa: S603 - this python, `-m plcbot scheduler`
        command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stderr is not None
            for line in process.stderr:
                if "scheduler running" in line:
                    return time.monotonic() - started, _cpu_of(process.pid)
            raise RuntimeError(f"plcbot scheduler exited ({process.wait()}) before it ran")
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=60)


def _cpu_of(pid: int) -> float:
    """User and system CPU seconds of a running process (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _phases(database: databases.Database, slack: Any, workdir: Path) -> dict[str, float]:
    """Where the start-up time goes, measured inside a process doing the same steps."""
    spawned = time.monotonic()
    child = _child("sched-startup", startup_probe, database, slack, workdir)
    try:
        return {"spawn_to_ready": time.monotonic() - spawned, **child.info}
    finally:
        child.close()


def _hand_over(fake: Child, worker: Child, url: str, size: int) -> dict[str, Any]:
    fake.call("reset")
    statements = worker.call("statements")
    rows = asyncio.run(schedules_seed.rows_read(url))
    load, busy = os.getloadavg()[0], machine_busy_seconds()
    tick = worker.call("tick", 0.0, timeout=WAIT + 60)
    seen = fake.call("wait_posts", size, WAIT, timeout=WAIT + 60)
    busy = machine_busy_seconds() - busy
    time.sleep(1.5)  # the server's statistics are flushed within a second
    after = asyncio.run(schedules_seed.rows_read(url))
    claimed = max(1, tick["report"]["claimed"])
    return {
        "to_platform": seen["last"] - tick["started"] if seen["posted"] else float("nan"),
        "tick": tick["finished"] - tick["started"],
        "at_platform": seen["posted"],
        "report": tick["report"],
        "cpu_per_schedule_ms": 1000 * tick["cpu"] / claimed,
        "memory": worker.call("memory"),
        "statements_per_100": 100 * (worker.call("statements") - statements) / claimed,
        "rows_read_per_schedule": (after["seq"] + after["idx"] - rows["seq"] - rows["idx"])
        / claimed,
        "seq_rows_read_per_schedule": (after["seq"] - rows["seq"]) / claimed,
        "busy_cores": busy / max(1e-9, tick["finished"] - tick["started"]),
        "load": f"{load:.2f} → {os.getloadavg()[0]:.2f}",
    }


def _every_minute(fake: Child, new_database: NewDatabase, workdir: Path) -> dict[str, Any]:
    """Worker CPU per schedule claimed for `* * * * *` schedules due now and a day behind."""
    database = new_database("postgresql", "em")
    slack = fake.info
    due = databases.fire_minute()
    asyncio.run(
        databases.seed_teams_with_nudges(
            database.url, slack["team"], EVERY_MINUTE, due, every_minute=True
        )
    )
    worker = _child("sched-every-minute", counted_worker, database, slack, workdir)
    out: dict[str, Any] = {"count": EVERY_MINUTE}
    try:
        for label, behind in (("on time", timedelta(0)), ("a day behind", timedelta(days=1))):
            fake.call("reset")
            asyncio.run(databases.rearm_nudges(database.url, databases.fire_minute() - behind))
            tick = worker.call("tick", 0.0, timeout=WAIT)
            claimed = max(1, tick["report"]["claimed"])
            out[label] = {"claimed": claimed, "cpu_per_schedule_ms": 1000 * tick["cpu"] / claimed}
            say(
                f"schedules: every minute, {label}: {out[label]['cpu_per_schedule_ms']:.2f} ms CPU each"
            )
    finally:
        worker.close()
    return out


async def counted_worker(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    """The fan-out's worker (benchmarks/fanout.py), counting the SQL statements it executes
    (an executemany counts once: one round trip)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    executed = 0

    def count(*_args: object, **_kwargs: object) -> None:
        nonlocal executed
        executed += 1

    event.listen(Engine, "before_cursor_execute", count)
    handlers, close = await fanout.worker(db_url, api_url, token)

    async def statements() -> int:
        return executed

    return {**handlers, "statements": statements}, close


async def startup_probe(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    """What `plcbot scheduler` does before its first tick (plcbot/scheduling.py): the database
    checked and migrated to head (open_storage), the platform's poster, the scheduler built
    (one polling job), and the first batch of due schedules read."""
    started = time.monotonic()
    from datetime import UTC, datetime

    from bot.config import Config
    from bot.library_loader import load_libraries
    from plcbot.app import open_storage
    from plcbot.scheduling import build_scheduler, posting_chats

    imported = time.monotonic()
    os.environ.update(
        {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": token, "SLACK_API_URL": api_url}
    )
    config = Config()
    storage_cm = open_storage(db_url)
    storage = await storage_cm.__aenter__()
    migrated = time.monotonic()
    chats_cm = posting_chats(config, ["slack"], storage)
    chat = await chats_cm.__aenter__()
    build_scheduler(config, db_url, storage.uow, chat, load_libraries())
    async with storage.uow() as uow:
        await uow.schedules.due(datetime.now(UTC), 50)
    ready = time.monotonic()

    async def info() -> dict[str, float]:
        return {
            "imports": imported - started,
            "storage": migrated - imported,
            "ready_in_process": ready - started,
        }

    async def close() -> None:
        await chats_cm.__aexit__(None, None, None)
        await storage_cm.__aexit__(None, None, None)

    return {"info": info}, close
