"""`python -m simulation` (and `make simulate`, `plcbot simulate`): one seeded run, its report
written to docs/simulation.md; exits 1 when any figure disagreed with the oracle."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from plcbot.loop import run as run_loop
from simulation.databases import fresh_database
from simulation.plan import Scale
from simulation.run import Result, simulate
from simulation.writeup import reproduce, write


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="simulate", description=__doc__)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--until", type=date.fromisoformat, default=None, help="last day, YYYY-MM-DD")
    p.add_argument("--teams", type=int, default=3)
    p.add_argument("--teachers", type=int, default=24)
    p.add_argument("--weeks", type=int, default=5)
    p.add_argument("--sample", type=int, default=12, help="teachers asked at each checkpoint")
    p.add_argument("--slack", choices=("http", "socket"), default="http", help="Slack's transport")
    p.add_argument(
        "--postgres",
        default=None,
        help="a PostgreSQL server URL; the run makes its own database there (default: SQLite)",
    )
    p.add_argument(
        "--processes",
        type=int,
        choices=(1, 2),
        default=1,
        help="2: Slack served by two `plcbot run` processes and Discord by the first (no "
        "console), with a killed process and database cuts (needs --postgres)",
    )
    p.add_argument("--cut-seconds", type=float, default=20.0, help="each database cut's length")
    p.add_argument("--out", type=Path, default=Path("docs/simulation.md"))
    p.add_argument("--log", type=Path, default=None, help="also write the event log (JSON lines)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    scale = Scale(args.teams, args.teachers, args.weeks)
    if args.processes > 1 and args.postgres is None:
        parser().error("--processes 2 runs on PostgreSQL: give --postgres")
    if args.processes > 1 and args.slack != "http":
        parser().error("--processes 2 serves Slack over HTTP (no --slack socket)")

    async def run() -> Result:
        async with fresh_database(args.postgres, args.seed) as url:
            return await simulate(
                args.seed,
                scale,
                url,
                until=args.until,
                sample=args.sample,
                slack_mode=args.slack,
                processes=args.processes,
                cut_seconds=args.cut_seconds,
            )

    result = run_loop(run())
    write(result, args.out)
    if args.log is not None:
        result.log.dump(args.log)
    print(f"{len(result.mismatches)} mismatches in {result.seconds:.0f} s; see {args.out}")
    if result.mismatches:
        print(f"reproduce: {reproduce(result)}")
    return 1 if result.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
