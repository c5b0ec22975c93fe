"""The Targets section of docs/benchmarks.md: each target, what was measured, met or missed."""

from __future__ import annotations

import math
from typing import Any

from benchmarks.report_burst import burst_rows
from benchmarks.report_district import district_rows
from benchmarks.report_format import (
    FANOUT_TARGET,
    FLOOR_RATIO_TARGET,
    MEMORY_TARGET,
    P50_TARGET,
    P99_TARGET,
    TARGET_RATE,
    TWO_WORKER_TARGET,
    med,
    ms,
    num,
    table,
    verdict,
)
from benchmarks.report_schedules import schedules_rows

Row = tuple[str, str, str]


def _roundtrip_rows(rt: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for label, kinds in rt["targets"].items():
        if label == "bare Bolt":
            continue
        for kind, by_load in kinds.items():
            runs = by_load.get(TARGET_RATE, [])
            p50, p99 = med(runs, "p50"), med(runs, "p99")
            rows.append(
                (
                    f"{label}, {kind} at 50/s: p50 ≤ 5 ms, p99 ≤ 50 ms",
                    f"p50 {ms(p50)} ms, p99 {ms(p99)} ms",
                    verdict(p50 <= P50_TARGET and p99 <= P99_TARGET),
                )
            )
            burst = next((v for k, v in by_load.items() if k.startswith("burst")), [])
            late = sum(int(r["over_3s"]) for r in burst)
            worst = max((float(r["max"]) for r in burst), default=math.nan)
            rows.append(
                (
                    f"{label}, {kind} burst of 500: no ack past 3 s",
                    f"{late} past 3 s over {len(burst)} bursts; slowest {ms(worst)} ms",
                    verdict(late == 0 and bool(burst)),
                )
            )
    return rows


def _floor_rows(rt: dict[str, Any]) -> list[Row]:
    """Issue 19.1: server CPU per request and p50 at 50/s, against bare Bolt's in the same run."""
    bare = rt["targets"].get("bare Bolt", {})
    rows: list[Row] = []
    for label, kinds in rt["targets"].items():
        floor = bare.get("command", {}).get(TARGET_RATE, [])
        runs = kinds.get("command", {}).get(TARGET_RATE, [])
        if label == "bare Bolt" or not floor or not runs:
            continue
        cpu = med(runs, "server_cpu_ms") / med(floor, "server_cpu_ms")
        p50 = med(runs, "p50") / med(floor, "p50")
        rows.append(
            (
                f"{label}, command at 50/s: server CPU ≤ 2× bare Bolt's (same run)",
                f"{cpu:.1f}× ({num(med(runs, 'server_cpu_ms'), 2)} ms against "
                f"{num(med(floor, 'server_cpu_ms'), 2)} ms)",
                verdict(cpu <= FLOOR_RATIO_TARGET),
            )
        )
        rows.append(
            (
                f"{label}, command at 50/s: p50 ≤ 2× bare Bolt's (same run)",
                f"{p50:.1f}× ({ms(med(runs, 'p50'))} ms against {ms(med(floor, 'p50'))} ms)",
                verdict(p50 <= FLOOR_RATIO_TARGET),
            )
        )
    return rows


def _fanout_rows(fo: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    size = max(fo["sizes"])
    for key, runs in fo["runs"].items():
        if key.endswith("1 worker") and f"× {size} " in key:
            took = med(runs, "to_platform")
            all_there = all(r["at_platform"] >= size for r in runs)
            rows.append(
                (
                    f"{key}: {size:,} nudges handed over within 30 s",
                    f"{num(took, 2)} s",
                    verdict(took <= FANOUT_TARGET and all_there),
                )
            )
    one = fo["runs"].get(f"PostgreSQL × {size} · 1 worker")
    two = fo["runs"].get(f"PostgreSQL × {size} · 2 workers")
    if one and two:
        ratio = med(two, "to_platform") / med(one, "to_platform")
        rows.append(
            (
                "PostgreSQL: two workers take < 0.65 of one worker's time",
                f"{ratio:.2f}",
                verdict(ratio < TWO_WORKER_TARGET),
            )
        )
    return rows + _memory_rows(fo, size)


def _memory_rows(fo: dict[str, Any], size: int) -> list[Row]:
    rows: list[Row] = []
    for key, memory in fo["memory"].items():
        if key.endswith(f"× {size}"):
            worst = max(memory[k]["rss"] for k in ("idle", "after", "after_all"))
            rows.append(
                (
                    f"{key}: resident memory < 200 MB, idle and after the fan-out",
                    f"{memory['idle']['rss']:.0f} MB idle, {memory['after']['rss']:.0f} MB after",
                    verdict(worst < MEMORY_TARGET),
                )
            )
    return rows


def target_rows(results: dict[str, Any]) -> list[Row]:
    rt, fo, dt = results.get("roundtrip"), results.get("fanout"), results.get("district")
    rows = (_roundtrip_rows(rt) + _floor_rows(rt)) if rt else []
    rows += burst_rows(results["burst"]) if results.get("burst") else []
    rows += _fanout_rows(fo) if fo else []
    rows += schedules_rows(results["schedules100k"]) if results.get("schedules100k") else []
    return rows + (district_rows(dt) if dt else [])


def missed(results: dict[str, Any]) -> list[str]:
    """The targets this run missed, with what was measured (for the exit status)."""
    return [
        f"{target}: {measured}" for target, measured, ok in target_rows(results) if "missed" in ok
    ]


# Where docs/benchmarks.md discusses a missed target: a part of this heading of
# benchmarks/notes.md (which the report ends with), by words of its row in the Targets table.
MISSED_HEADING = "The targets missed on this machine, and why"
WHY = (
    ("server CPU ≤ 2×", "per command"),
    ("p50 ≤ 2×", "per command"),
    ("p50 ≤ 5 ms", "the first round's latency at 50/s"),
    ("sustained throughput ≥ 50%", "bursts"),
    ("on 2 HTTP processes", "two HTTP processes"),
    ("two workers take", "two scheduler workers"),
)


def why(target: str) -> str:
    """Where the report discusses a missed target: a heading and its part."""
    for words, part in WHY:
        if words in target:
            return f"*{MISSED_HEADING}*, {part}"
    return "not discussed yet: see the section the target is measured in"


def targets_section(results: dict[str, Any]) -> list[str]:
    rows = target_rows(results)
    if not rows:
        return []
    lines = ["## Targets", "", *table(("Target", "Measured (median)", ""), rows), ""]
    failed = [(target, measured) for target, measured, ok in rows if "missed" in ok]
    if failed:
        lines += [
            "Each missed target, with where this report gives its profile and the reason it is",
            "missed (the sections at the end, written by people from the profiles):",
            "",
            *(f"- {target} ({measured}): {why(target)}." for target, measured in failed),
            "",
        ]
    return lines
