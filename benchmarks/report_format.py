"""How docs/benchmarks.md writes a figure: milliseconds, numbers, medians, tables, verdicts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from benchmarks.stats import median

TARGET_RATE = "50/s"
P50_TARGET, P99_TARGET = 0.005, 0.050
FANOUT_TARGET = 30.0
TWO_WORKER_TARGET = 0.65
MEMORY_TARGET = 200.0
FLOOR_RATIO_TARGET = 2.0  # issue 19.1: ours / bare Bolt, same run


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def num(value: float, digits: int = 1) -> str:
    return "–" if math.isnan(value) else f"{value:,.{digits}f}"


def med(runs: Sequence[dict[str, Any]], key: str) -> float:
    return median([float(r[key]) for r in runs if key in r])


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**missed**")


# ---- the sections ---------------------------------------------------------------------------
