"""`python -m benchmarks.schedules_profile`: what one hand-over of schedules costs the worker,
per schedule, at a size short of the 100,000 of `--only schedules100k` (same code path: the
teams seeded by COPY on PostgreSQL, the fan-out's worker, the fake Slack in a process of its
own so its CPU is never counted as the worker's).

Each round ticks once, with every nudge due again (the round's runs deleted, the schedules
re-armed at the same minute): the worker's CPU seconds per schedule handed over, then, in a
round of its own with cProfile on, the Python calls per schedule and the top functions. The
CPU figure comes from unprofiled rounds (the profiler's own cost would inflate it)."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchmarks import databases, fakeslack, schedules_seed
from benchmarks.procs import Child, Handlers
from benchmarks.schedules import WAIT, counted_worker
from benchmarks.stats import median


async def profiled_worker(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    """The schedules section's worker, with a profiler that `profile` runs around one tick."""
    handlers, close = await counted_worker(db_url, api_url, token)
    tick = handlers["tick"]

    async def profile(path: str) -> dict[str, Any]:
        profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
        profiler.enable()
        try:
            return await tick(0.0)
        finally:
            profiler.disable()
            profiler.dump_stats(path)

    async def times() -> tuple[float, float]:
        """User and system CPU seconds so far (system: mostly the sockets' sends)."""
        t = os.times()
        return t.user, t.system

    return {**handlers, "profile": profile, "times": times}, close


def _round(fake: Child, worker: Child, url: str, due: Any, size: int, verb: str, *args: Any) -> Any:
    asyncio.run(databases.rearm_nudges(url, due))
    fake.call("reset")
    statements, times = worker.call("statements"), worker.call("times")
    tick = worker.call(verb, *args, timeout=WAIT + 60)
    user, system = (b - a for a, b in zip(times, worker.call("times"), strict=True))
    seen = fake.call("wait_posts", size, WAIT, timeout=WAIT + 60)
    claimed = max(1, tick["report"]["claimed"])
    return {
        "claimed": tick["report"]["claimed"],
        "posted": seen["posted"],
        "to_platform": seen["last"] - tick["started"],
        "worker_cpu_ms": 1000 * tick["cpu"] / claimed,
        "system_share": system / max(1e-9, user + system),
        "fake_cpu_ms": 1000 * seen["cpu"] / claimed,
        "statements_per_100": 100 * (worker.call("statements") - statements) / claimed,
    }


def _sampled(
    spy: str, fake: Child, worker: Child, url: str, due: Any, size: int, workdir: Path
) -> None:
    """One more round with py-spy sampling the worker (CPU only, idle frames left out);
    its collapsed stacks go to a file whose path is printed."""
    out = workdir / "tick.folded"
    pid = str(worker.info["pid"])
    command = [spy, "record", "-p", pid, "-r", "250", "-f", "raw", "-o", str(out)]
    with subprocess.Popen(  # noqa: S603 - the py-spy the operator named
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as spying:
        time.sleep(1.0)
        _round(fake, worker, url, due, size, "tick", 0.0)
        spying.send_signal(signal.SIGINT)
        spying.wait(60)
    print(f"py-spy's collapsed stacks: {out}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.schedules_profile", description=__doc__)
    p.add_argument("--teams", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=3, help="unprofiled rounds (CPU per schedule)")
    p.add_argument("--top", type=int, default=40, help="top functions by own time (0: none)")
    p.add_argument("--sort", default="tottime", help="pstats order of the top functions")
    p.add_argument("--py-spy", default="", help="py-spy's path: one more round sampled by it")
    args = p.parse_args(argv)
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not server_url:
        print("needs PostgreSQL: set TEST_DATABASE_URL", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-sprof-"))
    fake = Child("fake-slack", fakeslack.setup, log_file=workdir / "fake-slack.log")
    database = asyncio.run(
        databases.create("postgresql", "sprof", workdir=workdir, server_url=server_url)
    )
    try:
        due = databases.fire_minute()
        url, slack = database.url, fake.info
        asyncio.run(schedules_seed.seed_with_copy(url, slack["team"], args.teams, due))
        worker = Child(
            "sched-worker",
            profiled_worker,
            url,
            slack["api_url"],
            slack["token"],
            log_file=workdir / "worker.log",
        )
        try:
            rounds = [
                _round(fake, worker, url, due, args.teams, "tick", 0.0) for _ in range(args.rounds)
            ]
            path = str(workdir / "tick.prof")
            profiled = _round(fake, worker, url, due, args.teams, "profile", path)
            if args.py_spy:
                _sampled(args.py_spy, fake, worker, url, due, args.teams, workdir)
        finally:
            worker.close()
        _print(args, rounds, profiled, path)
    finally:
        fake.close()
        asyncio.run(databases.drop(database, server_url))
    return 0


def _print(args: argparse.Namespace, rounds: list[Any], profiled: Any, path: str) -> None:
    stats = pstats.Stats(path)
    claimed = max(1, profiled["claimed"])
    print(f"{args.teams:,} teams, {len(rounds)} unprofiled rounds (load {os.getloadavg()[0]:.2f})")
    for r in rounds:
        print(
            f"  claimed {r['claimed']:,}, at platform {r['posted']:,} in "
            f"{r['to_platform']:.1f} s; worker CPU {r['worker_cpu_ms']:.3f} ms per schedule "
            f"({100 * r['system_share']:.0f}% in the kernel; fake Slack {r['fake_cpu_ms']:.3f}); "
            f"{r['statements_per_100']:.1f} statements "
            "per 100"
        )
    cpu = median([r["worker_cpu_ms"] for r in rounds])
    print(f"worker CPU per schedule (median): {cpu:.3f} ms")
    print(f"Python calls per schedule (profiled round): {stats.total_calls / claimed:,.0f}")  # type: ignore[attr-defined]
    if args.top:
        out = io.StringIO()
        pstats.Stats(path, stream=out).sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    started = time.monotonic()
    status = main()
    print(f"({time.monotonic() - started:.0f} s)")
    raise SystemExit(status)
