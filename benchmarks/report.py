"""docs/benchmarks.md from the figures of one run (and, when given, those of the code before
the performance fixes). Every figure is the median over the run's repeats.

The sections live beside it: report_targets (Targets), report_sections (1 to 4),
report_before (before and after); report_format says how a figure is written."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from benchmarks.contention import section as contention_section
from benchmarks.report_before import before_after_section
from benchmarks.report_burst import burst_section
from benchmarks.report_district import district_section
from benchmarks.report_format import table
from benchmarks.report_schedules import schedules_section
from benchmarks.report_sections import fanout_section, roundtrip_section, storage_section
from benchmarks.report_targets import targets_section

NOTES = Path(__file__).with_name("notes.md")  # the analysis, written by people


def machine_section(results: dict[str, Any]) -> list[str]:
    m = results["machine"]
    rows = [
        ("CPU", m["cpu"]),
        ("Cores", m["cores"]),
        ("Memory", m["memory"]),
        ("OS", m["os"]),
        ("Python", m["python"]),
        ("Libraries", m["libraries"]),
        ("SQLite", m["sqlite"]),
        ("PostgreSQL server", m.get("postgresql", "not used (see Commands)")),
        ("plcbot commit", m["commit"]),
    ]
    return ["## Machine", "", *table(("", ""), rows), ""]


def commands_section(results: dict[str, Any]) -> list[str]:
    lines = [
        "## Commands",
        "",
        "Everything, from a fresh clone (PostgreSQL parts when it answers on 127.0.0.1:5432 or",
        "at `TEST_DATABASE_URL`):",
        "",
        "```sh",
        "make bench",
        "# which runs, with TEST_DATABASE_URL set when PostgreSQL answers:",
        ".venv/bin/python -m benchmarks",
        "```",
        "",
        "This file was written by:",
        "",
        "```sh",
        results["command"],
        "```",
        "",
        f"Repeats per figure: {results['repeats']} (every figure below is the median over the "
        f"repeats){' — a --quick run, not for comparison' if results.get('quick') else ''}. "
        f"Whole run: {results.get('duration', float('nan')) / 60:.1f} minutes. Raw figures of "
        "every repeat: `docs/benchmarks.json`.",
        "",
    ]
    if results["skipped"]:
        lines += ["Skipped in this run:", ""]
        lines += [f"- {s}" for s in results["skipped"]]
        lines.append("")
    return lines


def write_report(
    results: dict[str, Any],
    out: Path,
    *,
    before: dict[str, Any] | None = None,
    before_path: Path | None = None,
) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m benchmarks` (`make bench`) on "
        f"{results.get('written') or time.strftime('%Y-%m-%d %H:%M %Z')}; do not edit the "
        "figures by hand, run it again.",
        "Medians over repeated runs on one machine, not timed tests: they tell how far the",
        "bot is from its targets on this hardware, and they move from run to run by a few",
        "per cent.",
        "",
        *machine_section(results),
        *[f"Note: {note}\n" for note in results.get("notes", [])],
        *commands_section(results),
        *targets_section(results),
        *roundtrip_section(results),
        *burst_section(results),
        *fanout_section(results),
        *contention_section(results),
        *storage_section(results),
        *district_section(results),
        *schedules_section(results),
        *before_after_section(results, before, before_path),
    ]
    if NOTES.exists():
        lines += [NOTES.read_text().rstrip(), ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines))
