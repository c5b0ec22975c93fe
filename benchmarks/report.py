"""docs/benchmarks.md from the figures of one run (and, when given, those of the code before
the performance fixes). Every figure is the median over the run's repeats."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.contention import section as contention_section
from benchmarks.stats import median

NOTES = Path(__file__).with_name("notes.md")  # the analysis, written by people
TARGET_RATE = "50/s"
P50_TARGET, P99_TARGET = 0.005, 0.050
FANOUT_TARGET = 30.0
TWO_WORKER_TARGET = 0.65
MEMORY_TARGET = 200.0


def _ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def _num(value: float, digits: int = 1) -> str:
    return "–" if math.isnan(value) else f"{value:,.{digits}f}"


def _med(runs: Sequence[dict[str, Any]], key: str) -> float:
    return median([float(r[key]) for r in runs if key in r])


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _yes(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**missed**")


# ---- the sections ---------------------------------------------------------------------------


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
    return ["## Machine", "", *_table(("", ""), rows), ""]


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


def targets_section(results: dict[str, Any]) -> list[str]:
    rows: list[tuple[str, str, str]] = []
    rt = results.get("roundtrip")
    if rt:
        for label, kinds in rt["targets"].items():
            if label == "bare Bolt":
                continue
            for kind, by_load in kinds.items():
                runs = by_load.get(TARGET_RATE, [])
                p50, p99 = _med(runs, "p50"), _med(runs, "p99")
                rows.append(
                    (
                        f"{label}, {kind} at 50/s: p50 ≤ 5 ms, p99 ≤ 50 ms",
                        f"p50 {_ms(p50)} ms, p99 {_ms(p99)} ms",
                        _yes(p50 <= P50_TARGET and p99 <= P99_TARGET),
                    )
                )
                burst = next((v for k, v in by_load.items() if k.startswith("burst")), [])
                late = sum(int(r["over_3s"]) for r in burst)
                worst = max((float(r["max"]) for r in burst), default=math.nan)
                rows.append(
                    (
                        f"{label}, {kind} burst of 500: no ack past 3 s",
                        f"{late} past 3 s over {len(burst)} bursts; slowest {_ms(worst)} ms",
                        _yes(late == 0 and bool(burst)),
                    )
                )
    fo = results.get("fanout")
    if fo:
        size = max(fo["sizes"])
        for key, runs in fo["runs"].items():
            if key.endswith("1 worker") and f"× {size} " in key:
                took = _med(runs, "to_platform")
                all_there = all(r["at_platform"] >= size for r in runs)
                rows.append(
                    (
                        f"{key}: {size:,} nudges handed over within 30 s",
                        f"{_num(took, 2)} s",
                        _yes(took <= FANOUT_TARGET and all_there),
                    )
                )
        one = fo["runs"].get(f"PostgreSQL × {size} · 1 worker")
        two = fo["runs"].get(f"PostgreSQL × {size} · 2 workers")
        if one and two:
            ratio = _med(two, "to_platform") / _med(one, "to_platform")
            rows.append(
                (
                    "PostgreSQL: two workers take < 0.65 of one worker's time",
                    f"{ratio:.2f}",
                    _yes(ratio < TWO_WORKER_TARGET),
                )
            )
        for key, memory in fo["memory"].items():
            if key.endswith(f"× {size}"):
                worst = max(memory[k]["rss"] for k in ("idle", "after", "after_all"))
                rows.append(
                    (
                        f"{key}: resident memory < 200 MB, idle and after the fan-out",
                        f"{memory['idle']['rss']:.0f} MB idle, {memory['after']['rss']:.0f} MB after",
                        _yes(worst < MEMORY_TARGET),
                    )
                )
    if not rows:
        return []
    lines = ["## Targets", "", *_table(("Target", "Measured (median)", ""), rows), ""]
    if any("missed" in row[-1] for row in rows):
        lines += [
            "A missed target is discussed at the end, under *The target that is missed, and",
            "why*, with what the profiles showed.",
            "",
        ]
    return lines


def roundtrip_section(results: dict[str, Any]) -> list[str]:
    rt = results.get("roundtrip")
    if not rt:
        return []
    lines = [
        "## 1. Command round trip through the HTTP endpoint",
        "",
        "Signed `/plc checkin 4` slash commands and clicks on a scheduled check-in post's `4`",
        "button (`block_actions`), POSTed to the Slack endpoint on 127.0.0.1 by a load generator",
        "in its own process, open-loop (request *i* leaves at *i*/rate whether or not earlier",
        "ones were answered). Latency is from handing the request to the HTTP client to",
        "reading the response (the ack). The server is what `plcbot run` starts in HTTP mode",
        "(SlackAdapter, Bolt with `process_before_response=True`, build_bot with background",
        "delivery, INFO logging to a file); the Web API and response URLs are the wire-level",
        "fake Slack in a third process. Check-ins go to one team channel; its "
        f"{rt['pool']:,} teachers take turns, so the",
        "per-person throttle (default settings) never refuses one. A command's answer rides in",
        "the ack; a click is acked at once and answered through the response URL afterwards",
        "(the benchmark waits for every such answer before the next load). `bare Bolt` is",
        "a slack-bolt AsyncApp with the same settings that answers the command with a constant",
        "ephemeral reply and acks the click: the floor. The burst is 500 requests sent at once",
        "over 500 keep-alive connections opened beforehand.",
        "",
    ]
    header = (
        "Server",
        "Request",
        "Load",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "sustained /s",
        "server CPU ms/req",
        "acked “Working on it…”",
    )
    rows = []
    for label, kinds in rt["targets"].items():
        for kind, by_load in kinds.items():
            for load in rt["loads"]:
                runs = by_load.get(load, [])
                if not runs:
                    continue
                rows.append(
                    (
                        label,
                        kind,
                        load,
                        _ms(_med(runs, "p50")),
                        _ms(_med(runs, "p95")),
                        _ms(_med(runs, "p99")),
                        _ms(_med(runs, "max")),
                        _num(_med(runs, "achieved")),
                        _num(_med(runs, "server_cpu_ms"), 2),
                        _num(_med(runs, "working"), 0),
                    )
                )
    lines += _table(header, rows)
    bare = rt["targets"].get("bare Bolt", {})
    ratio_rows = []
    for label, kinds in rt["targets"].items():
        if label == "bare Bolt":
            continue
        for kind, by_load in kinds.items():
            for load in rt["loads"]:
                ours, floor = by_load.get(load, []), bare.get(kind, {}).get(load, [])
                if ours and floor:
                    ratio_rows.append(
                        (
                            label,
                            kind,
                            load,
                            f"{_med(ours, 'p50') / _med(floor, 'p50'):.1f}×",
                            f"{_med(ours, 'p99') / _med(floor, 'p99'):.1f}×",
                        )
                    )
    if ratio_rows:
        lines += [
            "",
            "Ours against the bare Bolt floor (ratio of the medians):",
            "",
            *_table(("Server", "Request", "Load", "p50 ours/bare", "p99 ours/bare"), ratio_rows),
        ]
    return [*lines, ""]


def fanout_section(results: dict[str, Any]) -> list[str]:
    fo = results.get("fanout")
    if not fo:
        return []
    lines = [
        "## 2. Scheduler fan-out",
        "",
        "N teams of one workspace, each in its own channel (time zones UTC, Chicago, New York,",
        "London), each with a stage nudge due in the same minute. A worker is built like",
        "`plcbot run` (open_storage, SlackAdapter with its shared connection pool and",
        "per-channel pacing, build_bot, ScheduleRunner); the benchmark calls",
        "`ScheduleRunner.tick()` as the APScheduler job does. *To platform*: from the start of",
        "the tick to the last `chat.postMessage` accepted by the fake Slack, which enforces",
        "Slack's per-channel limit (about one message a second, bursts of 4, else 429 +",
        "Retry-After). *Tick*: until the tick returns (every run recorded as sent). CPU is the",
        "workers' process time (all threads) per nudge; the fake Slack's CPU is not in it. Two",
        "workers start their ticks at the same instant on the same PostgreSQL database.",
        "",
    ]
    header = (
        "Database × teams · workers",
        "at platform",
        "to platform s",
        "tick s",
        "nudges/s",
        "worker CPU ms/nudge",
        "PostgreSQL CPU ms/nudge",
        "fake Slack CPU ms/post",
        "machine cores busy",
        "429s",
        "claimed per worker",
    )
    rows = []
    for key, runs in fo["runs"].items():
        took = _med(runs, "to_platform")
        rows.append(
            (
                key,
                f"{min(r['at_platform'] for r in runs):,}",
                _num(took, 2),
                _num(_med(runs, "tick"), 2),
                _num(runs[0]["at_platform"] / took if took else math.nan, 0),
                _num(_med(runs, "cpu_per_nudge_ms"), 2),
                _num(_med(runs, "postgres_cpu_per_nudge_ms"), 2) if "PostgreSQL" in key else "–",
                _num(1000 * _med(runs, "platform_cpu") / runs[0]["at_platform"], 2),
                _num(_med(runs, "busy_cores"), 2),
                _num(_med(runs, "refused_429"), 0),
                " / ".join(str(c) for c in runs[-1]["claimed"]),
            )
        )
    lines += _table(header, rows)
    lines += [
        "",
        "## 3. Memory",
        "",
        "Resident memory (VmRSS from /proc/self/status) of the fan-out worker above: a",
        "`plcbot run`-like process (Slack adapter serving HTTP, scheduler runner, bot) on a",
        "database holding N teams and their schedules. *Idle*: started, two seconds after",
        "start, before any tick. *After*: after the first fan-out; *after all*: after the last",
        "repeat. *Peak*: VmHWM at the end.",
        "",
    ]
    mem_rows = [
        (
            key,
            f"{m['idle']['rss']:.0f}",
            f"{m['after']['rss']:.0f}",
            f"{m['after_all']['rss']:.0f}",
            f"{m['after_all']['peak']:.0f}",
        )
        for key, m in fo["memory"].items()
    ]
    lines += _table(
        ("Database × teams", "idle MB", "after MB", "after all MB", "peak MB"), mem_rows
    )
    return [*lines, ""]


def storage_section(results: dict[str, Any]) -> list[str]:
    st = results.get("storage")
    if not st:
        return []
    lines = [
        "## 4. Storage: reflections recorded per second",
        "",
        'Each is `PlcBot.command(actor, "/plc reflect <300 characters>")` in the team\'s',
        "channel, one unit of work each (community, member, team and role read, the person",
        "joined to the team, the latest prompt looked up, the reflection inserted, earlier",
        "posts of it looked up, commit). Teachers take turns from a pool of 5,000 seeded",
        "members, so the per-person throttle, left at its defaults (30 a minute after a burst",
        "of 15), never refuses one. *Concurrency*: how many reflections are in flight at",
        f"once in the one process. Each run lasts {st['seconds']:g} s.",
        "",
    ]
    rows = []
    for label, by_concurrency in st["runs"].items():
        for concurrency, runs in by_concurrency.items():
            rows.append(
                (
                    label,
                    concurrency,
                    _num(_med(runs, "per_second"), 0),
                    _num(_med(runs, "cpu_ms"), 2),
                    str(sum(int(r["refused"]) for r in runs)),
                )
            )
    lines += _table(("Database", "concurrency", "reflections/s", "CPU ms each", "refused"), rows)
    return [*lines, ""]


def before_after_section(
    results: dict[str, Any], before: dict[str, Any] | None, before_path: Path | None
) -> list[str]:
    if not before:
        return []
    rows = []
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
                                f"{_ms(_med(then, 'p50'))} / {_ms(_med(then, 'p99'))}",
                                f"{_ms(_med(now, 'p50'))} / {_ms(_med(now, 'p99'))}",
                            )
                        )
    fo_a, fo_b = results.get("fanout"), before.get("fanout")
    if fo_a and fo_b:
        for key, runs in fo_a["runs"].items():
            then = fo_b["runs"].get(key, [])
            if then:
                rows.append(
                    (
                        f"fan-out {key}: to platform s, CPU ms/nudge",
                        f"{_num(_med(then, 'to_platform'), 2)}, {_num(_med(then, 'cpu_per_nudge_ms'), 2)}",
                        f"{_num(_med(runs, 'to_platform'), 2)}, {_num(_med(runs, 'cpu_per_nudge_ms'), 2)}",
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
    st_a, st_b = results.get("storage"), before.get("storage")
    if st_a and st_b:
        for label, by_concurrency in st_a["runs"].items():
            for concurrency, runs in by_concurrency.items():
                then = st_b["runs"].get(label, {}).get(concurrency, [])
                if then:
                    rows.append(
                        (
                            f"reflections/s, {label}, concurrency {concurrency}",
                            _num(_med(then, "per_second"), 0),
                            _num(_med(runs, "per_second"), 0),
                        )
                    )
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
        *_table(("Figure (median)", "before", "after"), rows),
        "",
    ]


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
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}; do not edit the figures by hand, run it again.",
        "Medians over repeated runs on one machine, not timed tests: they tell how far the",
        "bot is from its targets on this hardware, and they move from run to run by a few",
        "per cent.",
        "",
        *machine_section(results),
        *[f"Note: {note}\n" for note in results.get("notes", [])],
        *commands_section(results),
        *targets_section(results),
        *roundtrip_section(results),
        *fanout_section(results),
        *contention_section(results),
        *storage_section(results),
        *before_after_section(results, before, before_path),
    ]
    if NOTES.exists():
        lines += [NOTES.read_text().rstrip(), ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines))
