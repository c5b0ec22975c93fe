"""`python -m benchmarks.profile`: the server CPU per command against the bare Bolt floor, in
one short run, and where our server's CPU goes (cProfile inside the server process).

The same processes as the round-trip section (benchmarks/sections.py): the fake Slack, the
load generator, bare Bolt and plcbot's HTTP server on a seeded database, each in a process of
its own. Each round sends the same commands at the same rate to bare Bolt, then to ours, and
prints the server CPU per request of each and their ratio (what issue 19.1 measures: ours ≤
2× bare). With --profile, one more run of ours is profiled and its top functions printed."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchmarks import databases, fakeslack, loadgen, servers
from benchmarks.procs import Child, Handlers
from benchmarks.roundtrip import Load, Target, Users, run_one
from benchmarks.sections import CHANNEL, POOL
from benchmarks.stats import median

TEXTS = {"checkin": "checkin 4", "reflect": "reflect " + "We tried the number talk. " * 12}


async def profiled_ours(
    db_url: str, api_url: str, token: str
) -> tuple[Handlers, Callable[[], Awaitable[None]]]:
    """servers.ours, with a profiler that `start` and `stop` switch on and off."""
    handlers, close = await servers.ours(db_url, api_url, token)
    profiler = cProfile.Profile()

    async def start() -> None:
        profiler.enable()

    async def stop(path: str) -> None:
        profiler.disable()
        profiler.dump_stats(path)

    return {**handlers, "prof_start": start, "prof_stop": stop}, close


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--rate", type=float, default=100.0)
    p.add_argument("--count", type=int, default=300)
    p.add_argument("--kinds", default="checkin,reflect,click", help="checkin,reflect,click")
    p.add_argument("--profile", default="", help="a kind to profile (checkin, reflect, click)")
    p.add_argument("--top", type=int, default=45)
    args = p.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-prof-"))
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    backend = "postgresql" if server_url else "sqlite"
    fake = Child("fake-slack", fakeslack.setup, log_file=workdir / "fake.log")
    database = asyncio.run(
        databases.create(backend, "prof", workdir=workdir, server_url=server_url)
    )
    children = [fake]
    try:
        slack = fake.info
        users = databases.user_ids(POOL)
        asyncio.run(databases.seed_team_with_members(database.url, slack["team"], CHANNEL, users))
        gen = Child("loadgen", loadgen.setup, log_file=workdir / "loadgen.log")
        bare = Child(
            "bare", servers.bare, slack["api_url"], slack["token"], log_file=workdir / "bare.log"
        )
        ours = Child(
            "ours",
            profiled_ours,
            database.url,
            slack["api_url"],
            slack["token"],
            log_file=workdir / "ours.log",
        )
        children += [gen, bare, ours]
        context = {
            "loadgen": gen,
            "fake": fake,
            "users": Users(users),
            "team": slack["team"],
            "channel": CHANNEL,
        }
        targets = [Target("bare Bolt", bare), Target(database.label, ours)]
        _rounds(args, targets, context)
        if args.profile:
            _profile(args, targets[1], context, workdir)
    finally:
        for child in reversed(children):
            child.close()
        asyncio.run(databases.drop(database, server_url))
    return 0


def _send(target: Target, kind: str, load: Load, context: dict[str, Any]) -> dict[str, Any]:
    wire = "click" if kind == "click" else "command"
    return run_one(target, wire, load, text=TEXTS.get(kind), record=False, **context)


def _rounds(args: argparse.Namespace, targets: list[Target], context: dict[str, Any]) -> None:
    kinds = args.kinds.split(",")
    load = Load(args.rate, args.count)
    for target in targets:  # warm up
        for kind in kinds:
            _send(target, kind, Load(50, 100), context)
    ratios: dict[str, list[float]] = {kind: [] for kind in kinds}
    for n in range(args.rounds):
        for kind in kinds:
            bare, ours = (_send(t, kind, load, context) for t in targets)
            ratio = ours["server_cpu_ms"] / bare["server_cpu_ms"]
            ratios[kind].append(ratio)
            print(
                f"round {n + 1} {kind:8s} bare {bare['server_cpu_ms']:.2f} ms/req, "
                f"ours {ours['server_cpu_ms']:.2f} ms/req: {ratio:.2f}x; p50 "
                f"{bare['p50'] * 1000:.1f} / {ours['p50'] * 1000:.1f} ms, "
                f"working {ours['working']}",
                flush=True,
            )
    for kind, values in ratios.items():
        print(f"median ratio {kind}: {median(values):.2f}x over {len(values)} rounds")


def _profile(
    args: argparse.Namespace, target: Target, context: dict[str, Any], workdir: Path
) -> None:
    path = str(workdir / "ours.prof")
    target.server.call("prof_start")
    _send(target, args.profile, Load(args.rate, args.count), context)
    target.server.call("prof_stop", path)
    out = io.StringIO()
    stats = pstats.Stats(path, stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    print(f"profile: {path}")


if __name__ == "__main__":
    raise SystemExit(main())
