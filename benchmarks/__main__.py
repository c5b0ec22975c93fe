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

from benchmarks import contention, databases, fakeslack, fanout
from benchmarks.burst import run_burst
from benchmarks.district import run_district
from benchmarks.fanout_run import run_fanout
from benchmarks.machine import describe
from benchmarks.procs import Child
from benchmarks.progress import say
from benchmarks.report import write_report
from benchmarks.report_targets import missed
from benchmarks.schedules import run_schedules
from benchmarks.sections import run_roundtrip, run_storage

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("roundtrip", "burst", "fanout", "storage", "contention", "district", "schedules100k")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.report_only:
        return _report_only(args)
    started = time.monotonic()
    repeats = args.repeats or (1 if args.quick else 3)
    workdir = Path(tempfile.mkdtemp(prefix="plcbot-bench-"))
    results = _new_results(argv, repeats, args.quick)
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    backends = _backends(server_url, results)
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
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
            results["roundtrip"] = run_roundtrip(
                fake, backends, new_database, workdir, repeats, args.quick
            )
        if "burst" in sections:
            results["burst"] = run_burst(fake, backends, new_database, workdir, repeats, args.quick)
        if "fanout" in sections:
            results["fanout"] = run_fanout(
                fake, backends, new_database, workdir, repeats, args.quick
            )
        if "storage" in sections:
            results["storage"] = run_storage(backends, new_database, workdir, repeats, args.quick)
        if "contention" in sections:
            results["contention"] = _contention(
                fake, backends, new_database, workdir, repeats, args.quick
            )
        if "district" in sections:
            results["district"] = run_district(backends, new_database, workdir, repeats, args.quick)
        if "schedules100k" in sections:
            results["schedules100k"] = run_schedules(
                fake, backends, new_database, workdir, args.quick
            )
    finally:
        fake.close()
        for database in made:
            asyncio.run(databases.drop(database, server_url))
    results["duration"] = time.monotonic() - started
    results["written"] = time.strftime("%Y-%m-%d %H:%M %Z")
    _write(args, results, sections)
    shutil.rmtree(workdir, ignore_errors=True)
    return _status(results)


def _contention(
    fake: Child,
    backends: list[str],
    new_database: Callable[[str, str], databases.Database],
    workdir: Path,
    repeats: int,
    quick: bool,
) -> dict[str, Any]:
    """Requests during a tick, on the last database (PostgreSQL when it answers)."""
    seconds = contention.SECONDS / 2 if quick else contention.SECONDS
    return contention.run(
        fake,
        backends[-1:],
        new_database,
        workdir,
        repeats,
        say,
        fanout.worker,
        fanout.scheduler_process,
        seconds,
    )


def _new_results(argv: list[str] | None, repeats: int, quick: bool) -> dict[str, Any]:
    return {
        "machine": describe(),
        "command": _command(argv),
        "repeats": repeats,
        "quick": quick,
        "skipped": [],
        "notes": [],
    }


def _status(results: dict[str, Any]) -> int:
    """1 when a target was missed (each named), so `make bench` can guard a release; the
    report is written either way."""
    failed = missed(results)
    for target in failed:
        say(f"MISSED {target}")
    return 1 if failed else 0


def _backends(server_url: str, results: dict[str, Any]) -> list[str]:
    """SQLite always; PostgreSQL when TEST_DATABASE_URL answers (else why not, in the report)."""
    if not server_url:
        results["skipped"].append("PostgreSQL: TEST_DATABASE_URL is not set")
        return ["sqlite"]
    problem = asyncio.run(databases.postgres_answers(server_url))
    if problem is not None:
        results["skipped"].append(f"PostgreSQL: TEST_DATABASE_URL does not answer ({problem})")
        return ["sqlite"]
    results["machine"]["postgresql"] = asyncio.run(databases.postgres_version(server_url))
    return ["sqlite", "postgresql"]


def _write(args: argparse.Namespace, results: dict[str, Any], sections: set[str]) -> None:
    """The raw figures as JSON (merged into the earlier run's with --merge), and the report."""
    before = _before(args)
    if args.merge and args.json.exists():
        results = _merged(json.loads(args.json.read_text()), results, sections)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, default=str))
    if args.out is not None:
        write_report(results, args.out, before=before, before_path=args.before)
        say(f"wrote {args.out} in {results['duration']:.0f} s")


def _report_only(args: argparse.Namespace) -> int:
    """The notes changed since the run: the same figures, written again."""
    results = json.loads(args.json.read_text())
    write_report(results, args.out, before=_before(args), before_path=args.before)
    say(f"wrote {args.out} from {args.json}")
    return _status(results)


def _before(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.before and args.before.exists():
        return dict(json.loads(args.before.read_text()))
    return None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="fewer requests and teams, one repeat")
    p.add_argument("--repeats", type=int, default=0, help="repeats per figure (default 3)")
    p.add_argument(
        "--only",
        default="",
        help="roundtrip,burst,fanout,storage,contention,district,schedules100k (default: all)",
    )
    p.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sections' figures from --json and replace only those run",
    )
    p.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: write the report again from --json (after the notes changed)",
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


if __name__ == "__main__":
    sys.exit(main())
