"""The measured sections of docs/benchmarks.md: 1 round trip, 2 fan-out, 3 memory, 4 storage."""

from __future__ import annotations

import math
from typing import Any

from benchmarks.report_format import med, ms, num, table


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
    lines += table(header, _roundtrip_rows(rt))
    ratio_rows = _ratio_rows(rt)
    if ratio_rows:
        lines += [
            "",
            "Ours against the bare Bolt floor (ratio of the medians):",
            "",
            *table(("Server", "Request", "Load", "p50 ours/bare", "p99 ours/bare"), ratio_rows),
        ]
    return [*lines, ""]


def _roundtrip_rows(rt: dict[str, Any]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
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
                        ms(med(runs, "p50")),
                        ms(med(runs, "p95")),
                        ms(med(runs, "p99")),
                        ms(med(runs, "max")),
                        num(med(runs, "achieved")),
                        num(med(runs, "server_cpu_ms"), 2),
                        num(med(runs, "working"), 0),
                    )
                )
    return rows


def _ratio_rows(rt: dict[str, Any]) -> list[tuple[str, ...]]:
    """Ours against the bare Bolt floor: the ratio of the medians, per request and load."""
    bare = rt["targets"].get("bare Bolt", {})
    ratio_rows: list[tuple[str, ...]] = []
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
                            f"{med(ours, 'p50') / med(floor, 'p50'):.1f}×",
                            f"{med(ours, 'p99') / med(floor, 'p99'):.1f}×",
                        )
                    )
    return ratio_rows


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
    lines += table(header, _fanout_rows(fo))
    lines += _memory_section(fo)
    return [*lines, ""]


def _fanout_rows(fo: dict[str, Any]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for key, runs in fo["runs"].items():
        took = med(runs, "to_platform")
        rows.append(
            (
                key,
                f"{min(r['at_platform'] for r in runs):,}",
                num(took, 2),
                num(med(runs, "tick"), 2),
                num(runs[0]["at_platform"] / took if took else math.nan, 0),
                num(med(runs, "cpu_per_nudge_ms"), 2),
                num(med(runs, "postgres_cpu_per_nudge_ms"), 2) if "PostgreSQL" in key else "–",
                num(1000 * med(runs, "platform_cpu") / runs[0]["at_platform"], 2),
                num(med(runs, "busy_cores"), 2),
                num(med(runs, "refused_429"), 0),
                " / ".join(str(c) for c in runs[-1]["claimed"]),
            )
        )
    return rows


def _memory_section(fo: dict[str, Any]) -> list[str]:
    lines: list[str] = []
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
    lines += table(("Database × teams", "idle MB", "after MB", "after all MB", "peak MB"), mem_rows)
    return lines


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
                    num(med(runs, "per_second"), 0),
                    num(med(runs, "cpu_ms"), 2),
                    str(sum(int(r["refused"]) for r in runs)),
                )
            )
    lines += table(("Database", "concurrency", "reflections/s", "CPU ms each", "refused"), rows)
    return [*lines, ""]
