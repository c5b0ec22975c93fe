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
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import databases, fakeslack, servers
from benchmarks.plcbot_run import PlcbotRun, tree_pids
from benchmarks.procs import Child
from benchmarks.roundtrip import BURST, Load, Target, driving, run_one
from benchmarks.sections import CHANNEL, POOL

Sample = tuple[float, dict[str, tuple[int, int, int]]]


def _threads(owners: dict[str, int]) -> dict[str, tuple[int, int, int]]:
    """Every thread's (run ns, runqueue wait ns, times on a CPU), keyed "owner pid/tid name"."""
    found: dict[str, tuple[int, int, int]] = {}
    for owner, root in owners.items():
        for pid in tree_pids(root):
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    run, wait, slices = (task / "schedstat").read_text().split()
                    name = (task / "comm").read_text().strip()
                except (OSError, ValueError):
                    continue
                found[f"{owner} {pid}/{task.name} {name}"] = (int(run), int(wait), int(slices))
    return found


class Sampler:
    def __init__(self, owners: dict[str, int], every: float = 0.004) -> None:
        self.owners, self.every = owners, every
        self.samples: list[Sample] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.perf_counter(), _threads(self.owners)))
            time.sleep(self.every)

    def window(self, start: float, end: float) -> dict[str, tuple[float, float, int]]:
        """Each thread's (running s, waiting s, times on a CPU) between the samples nearest
        start and end."""
        before = max((s for s in self.samples if s[0] <= start), key=lambda s: s[0])
        after = min((s for s in self.samples if s[0] >= end), key=lambda s: s[0])
        return {
            key: (
                (run - before[1][key][0]) / 1e9,
                (wait - before[1][key][1]) / 1e9,
                slices - before[1][key][2],
            )
            for key, (run, wait, slices) in after[1].items()
            if key in before[1]
        }


def _report(label: str, result: dict[str, Any], used: dict[str, tuple[float, float, int]]) -> None:
    span = result["last_done_at"] - result["first_sent_at"]
    print(f"\n{label}: {BURST / span:.0f}/s, window {span * 1000:.0f} ms")
    for key, (run, wait, slices) in sorted(used.items()):
        if run + wait < 0.002:
            continue
        idle = span - run - wait
        print(
            f"  {key:48s} run {run * 1000:6.0f} ms ({run / span:4.0%})  "
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--compare", default="", help="another checkout: its SQLite server too")
    parser.add_argument("--perf", default="", help="a folder: `perf record` each server's burst")
    args = parser.parse_args()
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    backends = ["sqlite"] + (["postgresql"] if server_url else [])
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-threads-"))
    fake = Child("fake-slack", fakeslack.setup, log_file=workdir / "fake-slack.log")
    made = []
    try:
        users = databases.user_ids(POOL)
        with driving(fake, workdir, users, CHANNEL) as (targets, context):
            bare = Child(
                "bare",
                servers.bare,
                fake.info["api_url"],
                fake.info["token"],
                log_file=workdir / "bare.log",
            )
            targets.append(Target("bare Bolt", bare))
            for backend in backends:
                db = asyncio.run(
                    databases.create(backend, "t", workdir=workdir, server_url=server_url)
                )
                made.append(db)
                asyncio.run(
                    databases.seed_team_with_members(db.url, fake.info["team"], CHANNEL, users)
                )
                run = PlcbotRun(
                    f"t-{backend}", db.url, fake.info["api_url"], fake.info["token"], 1, workdir
                )
                targets.append(Target(db.label, run))
                if args.compare and backend == "sqlite":
                    other = asyncio.run(databases.create(backend, "c", workdir=workdir))
                    made.append(other)
                    asyncio.run(
                        databases.seed_team_with_members(
                            other.url, fake.info["team"], CHANNEL, users
                        )
                    )
                    before = PlcbotRun(
                        "t-compare",
                        other.url,
                        fake.info["api_url"],
                        fake.info["token"],
                        1,
                        workdir,
                        root=Path(args.compare),
                    )
                    targets.append(Target(f"{db.label} ({args.compare})", before))
            for target in targets:
                run_one(target, "command", Load(0, 100), record=False, **context)
                run_one(target, "command", Load(50, 100), record=False, **context)
            owners = {"loadgen": context["loadgen"].process.pid, "fake": fake.process.pid}
            for _ in range(args.repeats):
                for target in targets:
                    server = target.server
                    pid = server.process.pid
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
        for db in made:
            asyncio.run(databases.drop(db, server_url))


if __name__ == "__main__":
    main()
