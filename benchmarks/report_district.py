"""Section 5 of docs/benchmarks.md: a district's school year, each request against its target."""

from __future__ import annotations

import math
from typing import Any

from benchmarks.report_format import med, ms, num, table, verdict


def district_rows(dt: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, met or missed) for every request on every database."""
    rows: list[tuple[str, str, str]] = []
    for label, run in dt["runs"].items():
        for name, (limit, figure) in dt["targets"].items():
            runs = run["requests"].get(name)
            if not runs:
                continue
            value = med(runs, figure)
            shown = f"{num(value, 2)} s" if limit >= 1 else f"{ms(value)} ms"
            wanted = f"{limit:g} s" if limit >= 1 else f"{limit * 1000:g} ms"
            rows.append(
                (
                    f"{label}, district year: {name} {figure} ≤ {wanted}",
                    f"{shown}, {int(med(runs, 'statements'))} statements",
                    verdict(not math.isnan(value) and value <= limit),
                )
            )
    return rows


def district_section(results: dict[str, Any]) -> list[str]:
    dt = results.get("district")
    if not dt:
        return []
    shape = dt["shape"]
    lines = [
        "## 5. A district's school year",
        "",
        f"One workspace, {shape['teams']} teams, {shape['teachers']} teachers, "
        f"{shape['weeks']} weekly sessions per team, {shape['audit_days']} days of audit entries,",
        "seeded with one random seed (benchmarks/district_seed.py) by bulk inserts. Each request",
        "goes the way chat sends it (`PlcBot.command`, one unit of work, a fixed clock on the",
        "Saturday after the last week); the district export is what `plcbot export` runs (its",
        "files written), the retention job the daily job (keeping half the year's reflections);",
        "the panel's pages are GETs over HTTP on 127.0.0.1 with a session cookie, served by the",
        "panel's aiohttp app in the measuring process. *Statements*: the most reads and writes",
        "one request sent (counted at the connection). `me forget` (the busiest teacher, in",
        "three teams) and the retention job change the data: they run once, last. *CPU*: the",
        "measuring process's CPU time per request (all its threads, SQLite's included; not",
        "PostgreSQL's server): on a busy machine the times wait for a core, the CPU does not.",
        "",
    ]
    for label, run in dt["runs"].items():
        rows = ", ".join(f"{name} {n:,}" for name, n in run["rows"].items())
        load = " → ".join(f"{x:.1f}" for x in run.get("load", []))
        lines += [
            f"{label}: seeded in {run['seed_s']:.1f} s ({rows}); the machine's 1-minute load "
            f"average {load} (start → end of the measurements, on {results['machine']['cores']}).",
            "",
        ]
    header = (
        "Database", "Request", "samples", "p50 ms", "p95 ms", "max ms", "CPU p50 ms", "statements"
    )  # fmt: skip
    body = []
    for label, run in dt["runs"].items():
        for name, runs in run["requests"].items():
            body.append(
                (
                    label,
                    name,
                    str(sum(int(r["n"]) for r in runs)),
                    ms(med(runs, "p50")),
                    ms(med(runs, "p95")),
                    ms(max(float(r["max"]) for r in runs)),
                    ms(med(runs, "cpu_p50")),
                    str(max(int(r["statements"]) for r in runs)),
                )
            )
    lines += table(header, body)
    lines += ["", *table(("Target", "Measured (median)", ""), district_rows(dt)), ""]
    if not all("panel: district overview" in run["requests"] for run in dt["runs"].values()):
        lines += [
            "Not measured: the district overview (the panel answered none of "
            "/district, /overview, /community/overview).",
            "",
        ]
    return lines
