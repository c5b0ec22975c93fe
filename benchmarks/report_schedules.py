"""The schedules-at-scale section of docs/benchmarks.md (issue 19, target 4): its target rows
and its table of figures."""

from __future__ import annotations

import math
from typing import Any

from benchmarks.report_format import num, table, verdict
from benchmarks.stats import median

HAND_OVER_TARGET = 120.0  # seconds for 100,000 schedules due in one minute, one worker
HAND_OVER_TEAMS = 100_000
PEAK_MEMORY_TARGET = 250.0  # MB, the worker's resident memory peak
STARTUP_TARGET = 3.0  # seconds from starting `plcbot scheduler` to its running
EVERY_MINUTE_MARGIN = 0.5  # ms of CPU a day-behind every-minute claim may cost over an on-time one

Row = tuple[str, str, str]


def _hand_over(sc: dict[str, Any]) -> tuple[float, str]:
    """Seconds to hand 100,000 over: measured, or projected linearly from a smaller run."""
    run, size = sc["hand_over"], sc["size"]
    took = float(run["to_platform"]) if run["at_platform"] >= size else math.nan
    if size >= HAND_OVER_TEAMS:
        return took, f"{num(took, 1)} s"
    projected = took * HAND_OVER_TEAMS / size
    return projected, f"{num(projected, 0)} s projected from {size:,} in {num(took, 1)} s"


def schedules_rows(sc: dict[str, Any]) -> list[Row]:
    if "hand_over" not in sc:
        return []
    seconds, measured = _hand_over(sc)
    peak = float(sc["hand_over"]["memory"]["peak"])
    startup = median([float(s) for s in sc["startup"]])
    behind, on_time = (
        sc["every_minute"][k]["cpu_per_schedule_ms"] for k in ("a day behind", "on time")
    )
    return [
        (
            "PostgreSQL: 100,000 schedules due in one minute handed over by one worker ≤ 120 s",
            f"{measured} (load {sc['hand_over']['load']})",
            verdict(seconds <= HAND_OVER_TARGET),
        ),
        (
            f"PostgreSQL × {sc['size']:,} schedules: the worker's resident memory peak ≤ 250 MB",
            f"{peak:.0f} MB",
            verdict(peak <= PEAK_MEMORY_TARGET),
        ),
        (
            f"`plcbot scheduler` start-up to ready at {sc['size']:,} teams ≤ 3 s",
            f"{num(startup, 2)} s",
            verdict(startup <= STARTUP_TARGET),
        ),
        (
            "every-minute schedules a day behind claim without walking the day "
            f"(CPU ≤ on time's + {EVERY_MINUTE_MARGIN} ms)",
            f"{num(behind, 2)} ms against {num(on_time, 2)} ms",
            verdict(behind <= on_time + EVERY_MINUTE_MARGIN),
        ),
    ]


def schedules_section(results: dict[str, Any]) -> list[str]:
    sc = results.get("schedules100k")
    if not sc:
        return []
    lines = ["## Schedules at scale", ""]
    if "hand_over" not in sc:
        return [*lines, f"Not run: {sc.get('skipped', 'no figures')}.", ""]
    run, phases = sc["hand_over"], sc["startup_phases"]
    lines += [
        f"{sc['size']:,} teams of one workspace, each in its own channel, each with a stage nudge",
        "due in the same minute, seeded with COPY on PostgreSQL "
        f"({num(sc['seed_seconds'], 1)} s). One worker built like",
        "`plcbot run` (the fan-out's, section 2) ticks once; *to platform* runs to the last post",
        "the fake Slack accepted. Statements are the worker's SQL executions (an executemany",
        "counts once); rows read are pg_stat_user_tables' sequential and index reads of",
        "schedules, schedule_runs and teams. Start-up: `python -m plcbot scheduler` from the",
        "process's start to its log saying the scheduler runs (the database checked, migrated to",
        "head, the poster open, one polling job; schedules are read at each tick, never loaded",
        "into APScheduler); the phases were measured in a process doing the same steps.",
        "",
    ]
    rows = [
        ("at the platform", f"{run['at_platform']:,} of {sc['size']:,}"),
        ("to platform / tick s", f"{num(run['to_platform'], 1)} / {num(run['tick'], 1)}"),
        ("worker CPU ms per schedule", num(run["cpu_per_schedule_ms"], 2)),
        ("statements per 100 schedules claimed", num(run["statements_per_100"], 1)),
        (
            "rows read per schedule claimed (of them sequential)",
            f"{num(run['rows_read_per_schedule'], 1)} ({num(run['seq_rows_read_per_schedule'], 1)})",
        ),
        (
            "worker resident memory: now / peak MB",
            f"{run['memory']['rss']:.0f} / {run['memory']['peak']:.0f}",
        ),
        (
            "machine cores busy during the tick; load average",
            f"{num(run['busy_cores'], 2)}; {run['load']}",
        ),
        ("start-up to ready s (each run)", ", ".join(num(s, 2) for s in sc["startup"])),
        (
            "start-up CPU s used by ready (each run)",
            ", ".join(num(s, 2) for s in sc.get("startup_cpu", [])) or "–",
        ),
        (
            "start-up phases s: imports / database and migrations / ready in process",
            f"{num(phases['imports'], 2)} / {num(phases['storage'], 2)} / {num(phases['ready_in_process'], 2)}",
        ),
    ]
    rows += [
        (
            f"every-minute × {sc['every_minute']['count']:,}, {label}: worker CPU ms per schedule",
            num(sc["every_minute"][label]["cpu_per_schedule_ms"], 2),
        )
        for label in ("on time", "a day behind")
    ]
    return [*lines, *table(("Figure", "Measured"), rows), ""]
