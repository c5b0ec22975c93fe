"""`python -m benchmarks.burst_threads`: where a burst's time goes, thread by thread.

The burst of benchmarks/burst.py against bare Bolt and a `plcbot run` on SQLite (and on
PostgreSQL with TEST_DATABASE_URL), while a sampler reads every thread's /proc schedstat
(time on a CPU, time runnable but waiting for one) of the server, the load generator and the
fake Slack every few milliseconds. Cut to the burst's window (first request sent to last
answer read), each thread's window splits into running, waiting for a core, and blocked
(idle: the event loop in its selector, a worker thread waiting for a job)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import databases, fakeslack, servers
from benchmarks.plcbot_run import ROOT, PlcbotRun
from benchmarks.procs import Child
from benchmarks.roundtrip import BURST, Load, Target, driving, run_one
from benchmarks.sections import CHANNEL, POOL
from benchmarks.threads import Sampler, postmaster


def _report(label: str, result: dict[str, Any], used: dict[str, tuple[float, float, int]]) -> None:
    span = result["last_done_at"] - result["first_sent_at"]
    print(
        f"\n{label}: {BURST / span:.0f}/s, window {span * 1000:.0f} ms "
        f"({result['first_sent_at']:.6f},{result['last_done_at']:.6f} on CLOCK_MONOTONIC)"
    )
    for (owner, pid, tid, name), (run, wait, slices) in sorted(used.items()):
        if run + wait < 0.002:
            continue
        idle = span - run - wait
        print(
            f"  {f'{owner} {pid}/{tid} {name}':48s} run {run * 1000:6.0f} ms ({run / span:4.0%})  "
            f"wait {wait * 1000:5.0f} ms ({wait / span:4.0%})  idle {idle / span:4.0%}  "
            f"on a CPU {slices / BURST:.1f}×/req"
        )


@contextlib.contextmanager
def _perf(folder: str, label: str, pid: int) -> Iterator[None]:
    if not folder:
        yield
        return
    out = Path(folder) / f"{label.replace(' ', '_')}-{time.time():.0f}.data"
    recorder = subprocess.Popen(  # noqa: S603 - perf, found on the PATH
        [
            shutil.which("perf") or "perf",
            "record",
            "-k",
            "CLOCK_MONOTONIC",  # the window's clock: `perf report --time start,end`
            "-F",
            "2000",
            "-g",
            "-p",
            str(pid),
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)
        recorder.wait()


def _plcbot(
    fake: Child, backend: str, workdir: Path, server_url: str, made: list[Any], root: Path
) -> PlcbotRun:
    """A seeded database of its own and a `plcbot run` (of the code at `root`) on it."""
    database = asyncio.run(
        databases.create(backend, root.name or "t", workdir=workdir, server_url=server_url)
    )
    made.append(database)
    users = databases.user_ids(POOL)
    asyncio.run(databases.seed_team_with_members(database.url, fake.info["team"], CHANNEL, users))
    slack = (fake.info["api_url"], fake.info["token"])
    name = f"t-{backend}-{len(made)}"
    return PlcbotRun(name, database.url, *slack, 1, workdir, root=root)


def _targets(
    args: argparse.Namespace, fake: Child, workdir: Path, server_url: str, made: list[Any]
) -> list[Target]:
    bare = Child(
        "bare", servers.bare, fake.info["api_url"], fake.info["token"], log_file=workdir / "b.log"
    )
    targets = [Target("bare Bolt", bare)]
    for backend in ["sqlite"] + (["postgresql"] if server_url else []):
        label = "PostgreSQL" if backend == "postgresql" else "SQLite"
        targets.append(Target(label, _plcbot(fake, backend, workdir, server_url, made, ROOT)))
        if args.compare and backend == "sqlite":
            other = _plcbot(fake, backend, workdir, server_url, made, Path(args.compare))
            targets.append(Target(f"{label} ({args.compare})", other))
    return targets


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--compare", default="", help="another checkout: its SQLite server too")
    parser.add_argument("--perf", default="", help="a folder: `perf record` each server's burst")
    args = parser.parse_args()
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-threads-"))
    fake = Child("fake-slack", fakeslack.setup, log_file=workdir / "fake-slack.log")
    made: list[Any] = []
    try:
        users = databases.user_ids(POOL)
        with driving(fake, workdir, users, CHANNEL) as (targets, context):
            targets += _targets(args, fake, workdir, server_url, made)
            for target in targets:
                run_one(target, "command", Load(0, 100), record=False, **context)
                run_one(target, "command", Load(50, 100), record=False, **context)
            owners = {"loadgen": context["loadgen"].process.pid, "fake": fake.process.pid}
            postgres = postmaster()
            if postgres is not None:
                owners["postgres"] = postgres
            for _ in range(args.repeats):
                for target in targets:
                    pid = target.server.process.pid
                    with (
                        Sampler({**owners, "server": pid}) as sampler,
                        _perf(args.perf, target.label, pid),
                    ):
                        result = run_one(target, "command", Load(0, BURST), record=False, **context)
                        time.sleep(0.02)
                    start, end = result["first_sent_at"], result["last_done_at"]
                    _report(target.label, result, sampler.window(start, end))
    finally:
        fake.close()
        for database in made:
            asyncio.run(databases.drop(database, server_url))


if __name__ == "__main__":
    main()
