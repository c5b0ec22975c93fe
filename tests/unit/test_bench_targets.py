"""`python -m benchmarks` fails (exit status 1) when a target is missed, so `make bench` can
guard a release; the per-command targets compare against bare Bolt measured in the same run."""

from __future__ import annotations

from typing import Any

from benchmarks.report_targets import missed


def _results(ours_cpu_ms: float, ours_p50: float) -> dict[str, Any]:
    def run(cpu: float, p50: float) -> dict[str, Any]:
        return {"server_cpu_ms": cpu, "p50": p50, "p99": 0.004, "over_3s": 0, "max": 0.5}

    def loads(cpu: float, p50: float) -> dict[str, Any]:
        return {"50/s": [run(cpu, p50)], "burst 500": [run(cpu, 0.3)]}

    return {
        "roundtrip": {
            "targets": {
                "bare Bolt": {"command": loads(1.0, 0.0015)},
                "SQLite": {"command": loads(ours_cpu_ms, ours_p50)},
            }
        }
    }


def test_a_command_within_twice_the_floor_misses_nothing() -> None:
    assert missed(_results(1.9, 0.0029)) == []


def test_server_cpu_past_twice_the_floors_is_a_missed_target() -> None:
    (miss,) = missed(_results(3.5, 0.0029))
    assert "server CPU ≤ 2× bare Bolt's" in miss and "3.5×" in miss


def test_an_ack_past_three_seconds_in_a_burst_is_a_missed_target() -> None:
    late = _results(1.9, 0.0029)
    late["roundtrip"]["targets"]["SQLite"]["command"]["burst 500"][0]["over_3s"] = 2
    assert [m for m in missed(late) if "burst of 500" in m]
