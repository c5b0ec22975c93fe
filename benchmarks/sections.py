"""The round-trip (1) and storage (4) sections of `python -m benchmarks`: each starts its
processes, runs its loads and returns the raw figures for the report."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import databases, reflections, servers
from benchmarks.procs import Child
from benchmarks.progress import say
from benchmarks.roundtrip import KINDS, Target, driving, loads, run_one, warm_up

CHANNEL = "C0BENCH"
POOL = 5_000  # teachers in the round-trip and storage teams
NewDatabase = Callable[[str, str], databases.Database]


def run_roundtrip(
    fake: Child,
    backends: list[str],
    new_database: NewDatabase,
    workdir: Path,
    repeats: int,
    quick: bool,
) -> dict[str, Any]:
    users = databases.user_ids(POOL)
    with driving(fake, workdir, users, CHANNEL) as (targets, context):
        _start_targets(targets, fake.info, backends, new_database, workdir, users)
        for target in targets:
            warm_up(target, **context)
        for repeat in range(repeats):
            for target in targets:
                for kind in KINDS:
                    for load in loads(quick):
                        result = run_one(target, kind, load, **context)
                        say(
                            f"round trip {repeat + 1}/{repeats} {target.label:10s} {kind:7s} "
                            f"{load.label:9s} p50 {result['p50'] * 1000:7.2f} ms  "
                            f"p99 {result['p99'] * 1000:8.2f} ms  "
                            f"{result['achieved']:6.1f}/s  cpu {result['server_cpu_ms']:.2f} ms/req"
                        )
        return {
            "targets": {t.label: t.results for t in targets},
            "loads": [load.label for load in loads(quick)],
            "pool": POOL,
        }


def _start_targets(
    targets: list[Target],
    slack: dict[str, str],
    backends: list[str],
    new_database: NewDatabase,
    workdir: Path,
    users: list[str],
) -> None:
    """Bare Bolt (the floor), then plcbot on each backend with a team of `users` seeded; each
    joins `targets` as it starts, so the caller closes whatever started if one fails."""
    targets.append(
        Target(
            "bare Bolt",
            Child(
                "bare-bolt",
                servers.bare,
                slack["api_url"],
                slack["token"],
                log_file=workdir / "bare.log",
            ),
        )
    )
    for backend in backends:
        database = new_database(backend, "rt")
        asyncio.run(databases.seed_team_with_members(database.url, slack["team"], CHANNEL, users))
        server = Child(
            f"plcbot-{backend}",
            servers.ours,
            database.url,
            slack["api_url"],
            slack["token"],
            log_file=workdir / f"server-{backend}.log",
        )
        targets.append(Target(database.label, server))


def run_storage(
    backends: list[str],
    new_database: NewDatabase,
    workdir: Path,
    repeats: int,
    quick: bool,
) -> dict[str, Any]:
    users = databases.user_ids(POOL)
    seconds = 1.5 if quick else 3.0
    out: dict[str, Any] = {"seconds": seconds, "runs": {}}
    for backend in backends:
        database = new_database(backend, "st")
        asyncio.run(databases.seed_team_with_members(database.url, "T0STORE", CHANNEL, users))
        child = Child(
            f"storage-{backend}",
            reflections.setup,
            database.url,
            "T0STORE",
            CHANNEL,
            users,
            log_file=workdir / f"storage-{backend}.log",
        )
        try:
            child.call("run", 1.0, 4)  # warm up
            for repeat in range(repeats):
                for concurrency in (1, 8):
                    run = child.call("run", seconds, concurrency)
                    out["runs"].setdefault(database.label, {}).setdefault(
                        str(concurrency), []
                    ).append(run)
                    say(
                        f"storage {repeat + 1}/{repeats} {database.label} x{concurrency}: "
                        f"{run['per_second']:.0f} reflections/s, cpu {run['cpu_ms']:.2f} ms each"
                    )
        finally:
            child.close()
    return out
