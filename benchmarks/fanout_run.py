"""The fan-out and memory sections (2 and 3) of `python -m benchmarks`: teams with a nudge due,
one or two scheduler workers, and how long until every post reached the fake platform."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import databases, fanout
from benchmarks.procs import Child
from benchmarks.progress import say
from benchmarks.stats import machine_busy_seconds, processes_cpu_seconds

FANOUT_SIZES = (1_000, 10_000)
POST_WAIT = 300.0  # seconds a fan-out may take before the benchmark gives up on it


def run_fanout(
    fake: Child,
    backends: list[str],
    new_database: Callable[[str, str], databases.Database],
    workdir: Path,
    repeats: int,
    quick: bool,
) -> dict[str, Any]:
    slack = fake.info
    sizes = (1_000, 2_000) if quick else FANOUT_SIZES
    out: dict[str, Any] = {"sizes": list(sizes), "runs": {}, "memory": {}}
    for backend in backends:
        for size in sizes:
            database = new_database(backend, f"fo{size}")
            due = databases.fire_minute()
            started = time.monotonic()
            asyncio.run(databases.seed_teams_with_nudges(database.url, slack["team"], size, due))
            say(
                f"fan-out: seeded {size} teams on {database.label} in {time.monotonic() - started:.1f} s"
            )
            worker_count = 2 if backend == "postgresql" and size == max(sizes) else 1
            key = f"{database.label} × {size}"
            workers = [_worker(database, slack, workdir, n) for n in range(1)]
            try:
                workers[0].call("idle", 2.0)
                memory = {"idle": workers[0].call("memory")}
                runs = []
                for repeat in range(repeats):
                    if repeat:
                        asyncio.run(databases.rearm_nudges(database.url, due))
                    runs.append(_one_fanout(fake, workers, size))
                    say(_fanout_line(key, "1 worker", repeat, repeats, runs[-1]))
                    if repeat == 0:
                        memory["after"] = workers[0].call("memory")
                memory["after_all"] = workers[0].call("memory")
                out["runs"][f"{key} · 1 worker"] = runs
                out["memory"][key] = memory
            finally:
                for worker in workers:
                    worker.close()
            if worker_count == 2:
                workers = [_worker(database, slack, workdir, n) for n in range(2)]
                try:
                    runs = []
                    for repeat in range(repeats):
                        asyncio.run(databases.rearm_nudges(database.url, due))
                        runs.append(_one_fanout(fake, workers, size))
                        say(_fanout_line(key, "2 workers", repeat, repeats, runs[-1]))
                    out["runs"][f"{key} · 2 workers"] = runs
                finally:
                    for worker in workers:
                        worker.close()
    return out


def _worker(database: databases.Database, slack: dict[str, str], workdir: Path, n: int) -> Child:
    return Child(
        f"worker-{n}",
        fanout.worker,
        database.url,
        slack["api_url"],
        slack["token"],
        log_file=workdir / f"worker-{database.backend}-{n}.log",
    )


def _one_fanout(fake: Child, workers: list[Child], size: int) -> dict[str, Any]:
    fake.call("reset")
    at = time.monotonic() + 0.5
    for worker in workers:
        worker.send("tick", at)
    busy, postgres = machine_busy_seconds(), processes_cpu_seconds("postgres")
    ticks = [worker.receive(POST_WAIT + 60) for worker in workers]
    seen = fake.call("wait_posts", size, POST_WAIT)
    busy, postgres = machine_busy_seconds() - busy, processes_cpu_seconds("postgres") - postgres
    start = min(t["started"] for t in ticks)
    reports = [t["report"] for t in ticks]
    posted = sum(r["posted"] for r in reports)
    cpu = sum(t["cpu"] for t in ticks)
    return {
        "to_platform": seen["last"] - start if seen["posted"] else float("nan"),
        "tick": max(t["finished"] for t in ticks) - start,
        "at_platform": seen["posted"],
        "posted": posted,
        "failed": sum(r["failed"] for r in reports),
        "claimed": [r["claimed"] for r in reports],
        "lost_races": sum(r["lost_races"] for r in reports),
        "refused_429": seen["refused"],
        "cpu": cpu,
        "cpu_per_nudge_ms": 1000 * cpu / max(1, posted),
        "platform_cpu": seen["cpu"],
        "postgres_cpu_per_nudge_ms": 1000 * postgres / max(1, posted),
        # Cores busy on the whole machine meanwhile (the idle half second before the tick in).
        "busy_cores": busy / (max(t["finished"] for t in ticks) - start + 0.5),
    }


def _fanout_line(key: str, workers: str, repeat: int, repeats: int, run: dict[str, Any]) -> str:
    return (
        f"fan-out {repeat + 1}/{repeats} {key} {workers}: {run['at_platform']} at the platform "
        f"in {run['to_platform']:.2f} s (tick {run['tick']:.2f} s), "
        f"cpu {run['cpu_per_nudge_ms']:.2f} ms/nudge, claimed {run['claimed']}"
    )
