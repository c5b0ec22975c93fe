"""`python -m benchmarks`: run every benchmark, write docs/benchmarks.md (and a JSON of the
raw figures beside it). PostgreSQL parts run when TEST_DATABASE_URL answers."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import contention, databases, fakeslack, fanout, loadgen, reflections, servers
from benchmarks.machine import describe
from benchmarks.procs import Child
from benchmarks.report import write_report
from benchmarks.roundtrip import KINDS, Target, Users, loads, run_one, warm_up
from benchmarks.stats import machine_busy_seconds, processes_cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
CHANNEL = "C0BENCH"
POOL = 5_000  # teachers in the round-trip and storage teams
FANOUT_SIZES = (1_000, 10_000)
POST_WAIT = 300.0  # seconds a fan-out may take before the benchmark gives up on it


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    repeats = args.repeats or (1 if args.quick else 3)
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-bench-"))
    results: dict[str, Any] = {
        "machine": describe(),
        "command": _command(argv),
        "repeats": repeats,
        "quick": args.quick,
        "skipped": [],
        "notes": [],
    }
    backends = ["sqlite"]
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if server_url:
        problem = asyncio.run(databases.postgres_answers(server_url))
        if problem is None:
            backends.append("postgresql")
            results["machine"]["postgresql"] = asyncio.run(databases.postgres_version(server_url))
        else:
            results["skipped"].append(f"PostgreSQL: TEST_DATABASE_URL does not answer ({problem})")
    else:
        results["skipped"].append("PostgreSQL: TEST_DATABASE_URL is not set")
    sections = (
        set(args.only.split(",")) if args.only else {"roundtrip", "fanout", "storage", "contention"}
    )
    made: list[databases.Database] = []

    def new_database(backend: str, purpose: str) -> databases.Database:
        database = asyncio.run(
            databases.create(backend, purpose, workdir=workdir, server_url=server_url)
        )
        made.append(database)
        return database

    fake = Child("fake-slack", fakeslack.setup, log_file=workdir / "fake-slack.log")
    try:
        if "roundtrip" in sections:
            results["roundtrip"] = _roundtrip(
                fake, backends, new_database, workdir, repeats, args.quick
            )
        if "fanout" in sections:
            results["fanout"] = _fanout(fake, backends, new_database, workdir, repeats, args.quick)
        if "storage" in sections:
            results["storage"] = _storage(backends, new_database, workdir, repeats, args.quick)
        if "contention" in sections:
            results["contention"] = contention.run(
                fake,
                backends[-1:],
                new_database,
                workdir,
                repeats,
                _say,
                fanout.worker,
                fanout.scheduler_process,
            )
    finally:
        fake.close()
        for database in made:
            asyncio.run(databases.drop(database, server_url))
    results["duration"] = time.monotonic() - started
    before = None
    if args.before and args.before.exists():
        before = json.loads(args.before.read_text())
    if args.merge and args.json.exists():
        results = _merged(json.loads(args.json.read_text()), results, sections)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, default=str))
    if args.out is not None:
        write_report(results, args.out, before=before, before_path=args.before)
        _say(f"wrote {args.out} in {results['duration']:.0f} s")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="fewer requests and teams, one repeat")
    p.add_argument("--repeats", type=int, default=0, help="repeats per figure (default 3)")
    p.add_argument("--only", default="", help="roundtrip,fanout,storage,contention (default: all)")
    p.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sections' figures from --json and replace only those run",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "benchmarks.md",
        help="the report to write (default docs/benchmarks.md)",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=ROOT / "docs" / "benchmarks.json",
        help="the raw figures (default docs/benchmarks.json)",
    )
    p.add_argument(
        "--before",
        type=Path,
        default=ROOT / "benchmarks" / "before.json",
        help="figures of the code before the performance fixes, for the before/after table",
    )
    return p


def _merged(old: dict[str, Any], new: dict[str, Any], sections: set[str]) -> dict[str, Any]:
    """The earlier full run's figures with the sections just run replaced, and a note."""
    merged = {**old, **{name: new[name] for name in sections if name in new}}
    note = (
        f"{', '.join(sorted(sections))} re-run alone on {time.strftime('%Y-%m-%d %H:%M %Z')} "
        f"({new['command']}, {new['duration']:.0f} s); the other figures are the earlier run's."
    )
    merged["notes"] = [*old.get("notes", []), note]
    return merged


def _command(argv: list[str] | None) -> str:
    words = sys.argv[1:] if argv is None else argv
    url = os.environ.get("TEST_DATABASE_URL", "")
    prefix = f"TEST_DATABASE_URL={shlex.quote(url)} " if url else ""
    return f"{prefix}python -m benchmarks {shlex.join(words)}".strip()


def _say(line: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {line}", flush=True)


# ---- 1. round trip --------------------------------------------------------------------------


def _roundtrip(
    fake: Child,
    backends: list[str],
    new_database: Callable[[str, str], databases.Database],
    workdir: Path,
    repeats: int,
    quick: bool,
) -> dict[str, Any]:
    slack = fake.info
    users = databases.user_ids(POOL)
    targets: list[Target] = []
    loadgen_child = Child("loadgen", loadgen.setup, log_file=workdir / "loadgen.log")
    try:
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
            asyncio.run(
                databases.seed_team_with_members(database.url, slack["team"], CHANNEL, users)
            )
            server = Child(
                f"plcbot-{backend}",
                servers.ours,
                database.url,
                slack["api_url"],
                slack["token"],
                log_file=workdir / f"server-{backend}.log",
            )
            targets.append(Target(database.label, server))
        context = {
            "loadgen": loadgen_child,
            "fake": fake,
            "users": Users(users),
            "team": slack["team"],
            "channel": CHANNEL,
        }
        for target in targets:
            warm_up(target, **context)
        for repeat in range(repeats):
            for target in targets:
                for kind in KINDS:
                    for load in loads(quick):
                        result = run_one(target, kind, load, **context)
                        _say(
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
    finally:
        for target in targets:
            target.server.close()
        loadgen_child.close()


# ---- 2 and 3. fan-out and memory ------------------------------------------------------------


def _fanout(
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
            _say(
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
                    _say(_fanout_line(key, "1 worker", repeat, repeats, runs[-1]))
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
                        _say(_fanout_line(key, "2 workers", repeat, repeats, runs[-1]))
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


# ---- 4. storage -----------------------------------------------------------------------------


def _storage(
    backends: list[str],
    new_database: Callable[[str, str], databases.Database],
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
                    _say(
                        f"storage {repeat + 1}/{repeats} {database.label} x{concurrency}: "
                        f"{run['per_second']:.0f} reflections/s, cpu {run['cpu_ms']:.2f} ms each"
                    )
        finally:
            child.close()
    return out


if __name__ == "__main__":
    sys.exit(main())
