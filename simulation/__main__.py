"""`python -m simulation` (and `make simulate`, `plcbot simulate`): one seeded run, its report
written to docs/simulation.md; exits 1 when any figure disagreed with the oracle."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

from simulation.plan import Scale
from simulation.run import simulate
from simulation.writeup import write


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="simulate", description=__doc__)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--until", type=date.fromisoformat, default=None, help="last day, YYYY-MM-DD")
    p.add_argument("--teams", type=int, default=3)
    p.add_argument("--teachers", type=int, default=24)
    p.add_argument("--weeks", type=int, default=5)
    p.add_argument("--sample", type=int, default=12, help="teachers asked at each checkpoint")
    p.add_argument("--database", default=None, help="a database URL (default: a new SQLite file)")
    p.add_argument("--out", type=Path, default=Path("docs/simulation.md"))
    p.add_argument("--log", type=Path, default=None, help="also write the event log (JSON lines)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    scale = Scale(args.teams, args.teachers, args.weeks)
    with tempfile.TemporaryDirectory(prefix="plcbot-sim-db-") as folder:
        url = args.database or f"sqlite+aiosqlite:///{Path(folder) / 'simulation.sqlite3'}"
        result = asyncio.run(simulate(args.seed, scale, url, until=args.until, sample=args.sample))
    write(result, args.out)
    if args.log is not None:
        result.log.dump(args.log)
    print(f"{len(result.mismatches)} mismatches in {result.seconds:.0f} s; see {args.out}")
    return 1 if result.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
