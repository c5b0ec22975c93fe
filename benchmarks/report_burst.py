"""The bursts section of docs/benchmarks.md (issue 19, target 2): its target rows and its table
of figures."""

from __future__ import annotations

import math
from typing import Any

from benchmarks.burst import BARE
from benchmarks.report_format import med, ms, num, table, verdict

FLOOR_SHARE_TARGET = 0.5  # sustained throughput of one process ≥ half of bare Bolt's
TWO_PROCESSES_TARGET = 1.6  # two processes' throughput ≥ 1.6 × one's (PostgreSQL)
ONE, TWO = "PostgreSQL · 1 process", "PostgreSQL · 2 processes"

Row = tuple[str, str, str]


def burst_rows(bu: dict[str, Any]) -> list[Row]:
    runs: dict[str, list[dict[str, Any]]] = bu["targets"]
    floor = med(runs.get(BARE, []), "sustained")
    rows: list[Row] = []
    for name, bursts in runs.items():
        if not name.endswith("· 1 process"):
            continue
        working = sum(int(r["working"]) for r in bursts)
        rows.append(
            (
                f"{name}: a burst of {bu['burst']} commands, none answered “Working on it…”",
                f"{working} over {len(bursts)} bursts; slowest ack "
                f"{ms(max(float(r['max']) for r in bursts))} ms",
                verdict(working == 0 and bool(bursts)),
            )
        )
        share = med(bursts, "sustained") / floor
        rows.append(
            (
                f"{name}: the burst's sustained throughput ≥ 50% of bare Bolt's (same run)",
                f"{share:.0%} ({num(med(bursts, 'sustained'))}/s against {num(floor)}/s)",
                verdict(share >= FLOOR_SHARE_TARGET),
            )
        )
    if runs.get(ONE) and runs.get(TWO):
        ratio = med(runs[TWO], "sustained") / med(runs[ONE], "sustained")
        rows.append(
            (
                "PostgreSQL: the burst's throughput on 2 HTTP processes ≥ 1.6× one process's",
                f"{ratio:.2f}× on {cores(bu)}",
                verdict(ratio >= TWO_PROCESSES_TARGET),
            )
        )
    return rows


def _introduction(burst: int, machine: str) -> list[str]:
    return [
        "## Bursts on one and two processes",
        "",
        f"{burst} signed `/plc checkin 4` sent at once over {burst} keep-alive",
        "connections opened beforehand (`python -m benchmarks --only burst`). *Sustained*: the",
        "requests answered over the time from the first sent to the last answer (in the ack, or",
        "at the response URL after a “Working on it…”, which is no answer). plcbot",
        "runs as `plcbot run` itself, its scheduler, panel and operations listener off; with",
        "two processes (`[slack] http_processes = 2`) both bind the port with SO_REUSEPORT and",
        "the kernel spreads the connections. The load generator, the fake Slack and PostgreSQL",
        f"share the machine: {machine}. *Server CPU*: every plcbot process's (connections",
        "opened included); *load before*: the machine's one-minute load average as it began.",
        "",
        "plcbot lets a burst into Bolt 8 requests at a time, in the order they came, each",
        "holding its place until the core's work on it is done (adapters/kit/admission.py), and",
        "defers (“Working on it…”) only a request not answered 2 s after its arrival. So the",
        "count of such acks is the part of the burst the machine could not finish in 2 s: none",
        "as long as it sustains 250 commands a second. (Before, all 500 shared the event loop",
        "and finished late together: on a busy machine 226–234 of 500 were deferred.)",
        "",
        "*Loop CPU*: the CPU the server's event loop thread (each process's) ran within the",
        "burst's window (first request sent to last ack read) per request, from each thread's",
        "/proc schedstat sampled every 4 ms (benchmarks/threads.py; per thread:",
        "`python -m benchmarks.burst_threads`); *loop idle*: its share of the window blocked in",
        "its selector, with nothing to run; *waiting for a core*: its share runnable but not on",
        "a core (the load generator, the fake Slack, PostgreSQL and other work share them).",
        "The window holds no connection opening, which *server CPU* does. *Cores busy*: the",
        "CPU the server, the load generator and PostgreSQL (when it runs here) used in the",
        "window over its length, and in brackets every process's on the machine: the cores",
        "left for a second process are the rest.",
        "",
    ]


def share(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.0%}"


def cores(bu: dict[str, Any]) -> str:
    everything = [r for bursts in bu["targets"].values() for r in bursts]
    return (
        f"{bu['cpu_count']} cores ({bu['usable_cores']} usable), load "
        f"{num(med(everything, 'load_before'), 2)} before the bursts"
    )


def burst_section(results: dict[str, Any]) -> list[str]:
    bu = results.get("burst")
    if not bu:
        return []
    rows = [
        (
            name,
            num(med(bursts, "sustained")),
            ms(med(bursts, "p50")),
            ms(med(bursts, "p99")),
            ms(med(bursts, "max")),
            num(med(bursts, "working"), 0),
            num(med(bursts, "server_cpu_ms"), 2),
            num(med(bursts, "loop_cpu_ms"), 2),
            share(med(bursts, "loop_idle")),
            share(med(bursts, "loop_waiting")),
            f"{num(med(bursts, 'cores_busy'), 2)} ({num(med(bursts, 'machine_busy'), 2)})",
            num(med(bursts, "load_before"), 2),
        )
        for name, bursts in bu["targets"].items()
    ]
    return [
        *_introduction(bu["burst"], cores(bu)),
        *table(
            (
                "Server",
                "sustained /s",
                "p50 ms",
                "p99 ms",
                "slowest ms",
                "acked “Working on it…”",
                "server CPU ms/req",
                "loop CPU ms/req in the window",
                "loop idle",
                "loop waiting for a core",
                "cores busy (whole machine)",
                "load before",
            ),
            rows,
        ),
        "",
    ]
