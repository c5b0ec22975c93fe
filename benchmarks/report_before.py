"""The before/after section of docs/benchmarks.md: this run's figures beside those of the code
before the performance fixes (benchmarks/before.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.report_format import med, ms, num, table

Row = tuple[str, str, str]


def before_after_section(
    results: dict[str, Any], before: dict[str, Any] | None, before_path: Path | None
) -> list[str]:
    if not before:
        return []
    rows = [*_roundtrip(results, before), *_fanout(results, before), *_storage(results, before)]
    name = before_path.name if before_path else "before.json"
    machine = before["machine"]
    return [
        "## Before and after the performance fixes",
        "",
        f"*Before*: commit {machine['commit']}, before the changes described below, measured",
        f"by this harness with `{before['command']}` on a machine of the same kind",
        f"({machine.get('cpu', '?')}, {machine.get('cores', '?')}); its raw figures are in",
        f"`benchmarks/{name}`. *After*: this run. The rates and the burst are the same; the",
        "number of requests sent at each fixed rate may differ between the two runs. The bare",
        "Bolt rows run no plcbot code: what changed there is the two machines' difference, not",
        "the bot's. The fan-out now seeds a history of past runs (see 9 below).",
        "",
        *table(("Figure (median)", "before", "after"), rows),
        "",
    ]


def _roundtrip(results: dict[str, Any], before: dict[str, Any]) -> list[Row]:
    """Round-trip p50 / p99 per server, request and load."""
    rows: list[Row] = []
    rt_a, rt_b = results.get("roundtrip"), before.get("roundtrip")
    if rt_a and rt_b:
        for label, kinds in rt_a["targets"].items():
            for kind, by_load in kinds.items():
                for load in rt_a["loads"]:
                    then = rt_b["targets"].get(label, {}).get(kind, {}).get(load, [])
                    now = by_load.get(load, [])
                    if then and now:
                        rows.append(
                            (
                                f"{label} {kind} {load}: p50 / p99 ms",
                                f"{ms(med(then, 'p50'))} / {ms(med(then, 'p99'))}",
                                f"{ms(med(now, 'p50'))} / {ms(med(now, 'p99'))}",
                            )
                        )
    return rows


def _fanout(results: dict[str, Any], before: dict[str, Any]) -> list[Row]:
    """Fan-out time and CPU, and memory, per database and size."""
    rows: list[Row] = []
    fo_a, fo_b = results.get("fanout"), before.get("fanout")
    if fo_a and fo_b:
        for key, runs in fo_a["runs"].items():
            then = fo_b["runs"].get(key, [])
            if then:
                rows.append(
                    (
                        f"fan-out {key}: to platform s, CPU ms/nudge",
                        f"{num(med(then, 'to_platform'), 2)}, {num(med(then, 'cpu_per_nudge_ms'), 2)}",
                        f"{num(med(runs, 'to_platform'), 2)}, {num(med(runs, 'cpu_per_nudge_ms'), 2)}",
                    )
                )
        for key, memory in fo_a["memory"].items():
            then_memory = fo_b["memory"].get(key)
            if then_memory:
                rows.append(
                    (
                        f"memory {key}: idle / after MB",
                        f"{then_memory['idle']['rss']:.0f} / {then_memory['after']['rss']:.0f}",
                        f"{memory['idle']['rss']:.0f} / {memory['after']['rss']:.0f}",
                    )
                )
    return rows


def _storage(results: dict[str, Any], before: dict[str, Any]) -> list[Row]:
    """Reflections recorded per second, per database and concurrency."""
    rows: list[Row] = []
    st_a, st_b = results.get("storage"), before.get("storage")
    if st_a and st_b:
        for label, by_concurrency in st_a["runs"].items():
            for concurrency, runs in by_concurrency.items():
                then = st_b["runs"].get(label, {}).get(concurrency, [])
                if then:
                    rows.append(
                        (
                            f"reflections/s, {label}, concurrency {concurrency}",
                            num(med(then, "per_second"), 0),
                            num(med(runs, "per_second"), 0),
                        )
                    )
    return rows
