"""5. People's requests while the scheduler ticks (issue 22, item 3).

One `plcbot run`-like worker (benchmarks/fanout.py: Slack HTTP server, bot, scheduler runner)
answers signed `/plc checkin 4` commands at a steady open-loop rate. Twice per repeat, the same
load: once with nothing else going on, once while a tick claims and posts 650 nudges all due in
the same minute: like the soak's, 650 schedules firing every minute ("* * * * *"). Reported: command p99 in both
phases and their ratio (target ≤ 1.5×), and the lag from the tick's start (the minute, as the
scheduler ticks on the minute) to the last of the 650 posts at the fake Slack (target ≤ 10 s).

Both of `[scheduler] process`: "inline", the worker itself ticks; "separate", a second process
built as `plcbot run` builds its scheduler child (plcbot/scheduling.py: its own engine, Slack's
poster, at the child's niceness) ticks beside the worker. The machine's load average (1 min)
is recorded at each busy phase's end: other processes on the same cores move the figures."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import databases, loadgen
from benchmarks.procs import Child, Setup
from benchmarks.roundtrip import Users
from benchmarks.stats import median
from plcbot.scheduling import NICENESS

RUNS = 650  # runs due in the minute
RATE = 20.0  # commands/s, the soak's request rate
SECONDS = 12.0  # each phase's load; the tick starts one second in
RATIO_TARGET = 1.5
LAG_TARGET = 10.0
CHANNEL = "C0BENCH"  # the commands' team
# `[scheduler] process`: the tick on the request worker's event loop, or in a process of its own
MODES = {"inline": "scheduler inline", "separate": "scheduler in its own process"}


def measure(
    *,
    fake: Child,
    generator: Child,
    worker: Child,
    ticker: Child,
    database: databases.Database,
    label: str,
    users: Users,
    due: datetime,
    repeats: int,
    say: Callable[[str], None],
    seconds: float = SECONDS,
) -> list[dict[str, Any]]:
    slack = fake.info
    runs = []
    for repeat in range(repeats):
        asyncio.run(databases.rearm_nudges(database.url, due))
        quiet = _phase(fake, generator, worker, None, users, slack["team"], seconds)
        busy = _phase(fake, generator, worker, ticker, users, slack["team"], seconds)
        run = {
            "quiet": quiet,
            "busy": busy,
            "ratio": busy["p99"] / quiet["p99"],
            "lag": busy["lag"],
            "load": os.getloadavg()[0],
        }
        runs.append(run)
        say(
            f"contention {repeat + 1}/{repeats} {label}: command p99 "
            f"{quiet['p99'] * 1000:.1f} ms quiet, {busy['p99'] * 1000:.1f} ms during the tick "
            f"({run['ratio']:.2f}×); {busy['posted']} posts, the last {busy['lag']:.2f} s "
            f"after the minute; {busy['working']} 'Working on it'; request process CPU "
            f"{quiet['worker_cpu']:.2f} s quiet, {busy['worker_cpu']:.2f} s busy; load {run['load']:.1f}"
        )
    return runs


def _phase(
    fake: Child,
    generator: Child,
    worker: Child,
    ticker: Child | None,
    users: Users,
    team: str,
    seconds: float,
) -> dict[str, Any]:
    """The load against `worker`; with `ticker`, while it ticks (the worker itself when the
    scheduler runs inline, the scheduler's own process when it runs separately)."""
    fake.call("reset")
    response_url = fake.call("response_url")
    count = int(RATE * seconds)
    job = {
        "url": worker.info["url"],
        "kind": "command",
        "team": team,
        "channel": CHANNEL,
        "users": users.take(count),
        "response_url": response_url,
        "rate": RATE,
        "count": count,
        "connections": 8,
    }
    cpu = worker.call("cpu")
    if ticker is not None:
        ticker.send("tick", time.monotonic() + 1.0)
    result: dict[str, Any] = generator.call("run", job)
    if ticker is not None:
        ticked = ticker.receive(120.0)
        seen = fake.call("wait_posts", RUNS, 120.0)
        result["posted"] = seen["posted"]
        result["lag"] = seen["last"] - ticked["started"] if seen["posted"] else float("nan")
        result["tick"] = ticked["finished"] - ticked["started"]
        result["report"] = ticked["report"]
    # the request process's CPU over the phase (the load, and the tick until it ended)
    result["worker_cpu"] = worker.call("cpu") - cpu
    if result["working"]:
        fake.call("wait_responses", response_url, result["working"], 60.0)
    return result


def run(
    fake: Child,
    backends: list[str],
    new_database: Callable[[str, str], databases.Database],
    workdir: Path,
    repeats: int,
    say: Callable[[str], None],
    worker_setup: Setup,
    scheduler_setup: Setup,
    seconds: float = SECONDS,
) -> dict[str, Any]:
    """Per database: seed 650 nudges and the commands' team, start one worker, measure with
    the scheduler inline (the worker ticks), then in a process of its own beside it.
    `seconds`: each phase's load (less in a --quick run)."""
    slack = fake.info
    generator = Child("loadgen", loadgen.setup, log_file=workdir / "loadgen-cont.log")
    out: dict[str, Any] = {"runs": {}, "rate": RATE, "seconds": seconds, "size": RUNS}
    try:
        for backend in backends:
            database = new_database(backend, "ct")
            users = databases.user_ids(2_000)
            due = databases.fire_minute()
            # The nudges first: seeding them gives every team there is a nudge.
            asyncio.run(
                databases.seed_teams_with_nudges(
                    database.url, slack["team"], RUNS, due, every_minute=True
                )
            )
            asyncio.run(
                databases.seed_team_with_members(
                    database.url, slack["team"], CHANNEL, users, new_workspace=False
                )
            )
            worker = Child(
                "contention-worker",
                worker_setup,
                database.url,
                slack["api_url"],
                slack["token"],
                log_file=workdir / f"contention-{backend}.log",
            )
            try:
                _warm(fake, generator, worker, Users(users), slack["team"])
                each = Users(users)
                for mode, name in MODES.items():
                    out["runs"][f"{database.label}, {name}"] = _in_mode(
                        mode, fake, generator, worker, database, each, due, repeats, say, workdir,
                        scheduler_setup, seconds,
                    )  # fmt: skip
            finally:
                worker.close()
    finally:
        generator.close()
    return out


def _in_mode(
    mode: str,
    fake: Child,
    generator: Child,
    worker: Child,
    database: databases.Database,
    users: Users,
    due: datetime,
    repeats: int,
    say: Callable[[str], None],
    workdir: Path,
    scheduler_setup: Setup,
    seconds: float,
) -> list[dict[str, Any]]:
    """The repeats with the worker ticking (inline), or a scheduler process beside it."""
    slack = fake.info
    ticker = worker
    if mode == "separate":
        ticker = Child(
            "contention-scheduler",
            scheduler_setup,
            database.url,
            slack["api_url"],
            slack["token"],
            NICENESS,
            log_file=workdir / f"contention-{database.label}-scheduler.log",
        )
    try:
        return measure(
            fake=fake,
            generator=generator,
            worker=worker,
            ticker=ticker,
            database=database,
            label=f"{database.label} {mode}",
            users=users,
            due=due,
            repeats=repeats,
            say=say,
            seconds=seconds,
        )
    finally:
        if ticker is not worker:
            ticker.close()


def _warm(fake: Child, generator: Child, worker: Child, users: Users, team: str) -> None:
    response_url = fake.call("response_url")
    job = {
        "url": worker.info["url"],
        "kind": "command",
        "team": team,
        "channel": CHANNEL,
        "users": users.take(60),
        "response_url": response_url,
        "rate": 30.0,
        "count": 60,
        "connections": 8,
    }
    generator.call("run", job)


def section(results: dict[str, Any]) -> list[str]:
    """The report's part: a table per database, and the targets met or missed."""
    ct = results.get("contention")
    if not ct:
        return []
    lines = [
        "## Requests while the scheduler ticks",
        "",
        f"`/plc checkin 4` at {ct['rate']:g}/s for {ct['seconds']:g} s against one `plcbot run`-like",
        f"process (PostgreSQL), once quiet and once while a tick claims and posts {ct['size']}",
        "nudges due in the same minute (the tick starts a second into the load). Lag: from the",
        "tick's start (the minute) to the last post at the fake Slack. Medians over the repeats.",
        '*Scheduler inline*: the request process ticks (`[scheduler] process = "inline"`); *in',
        "its own process*: a child built like `plcbot run`'s (own engine and Slack clients, nice",
        f'{NICENESS}) ticks beside it (`"separate"`, the default). *Load*: the machine\'s 1-minute',
        "load average at the end of each busy phase (other work on the same cores moves every",
        "figure). *Request process CPU*: the CPU seconds the process answering the commands spent",
        "over the busy phase (its load and the tick), against the quiet phase's (what the tick took from its event",
        "loop; it does not depend on other work on the machine).",
        "",
        "| Database, scheduler | p99 quiet | p99 during the tick | ratio (≤ 1.5) "
        "| last post after (≤ 10 s) | tick | 'Working on it' | request process CPU | load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, runs in ct["runs"].items():
        ratio = median([r["ratio"] for r in runs])
        lag = median([r["lag"] for r in runs])
        lines.append(
            f"| {label} | {median([r['quiet']['p99'] for r in runs]) * 1000:.1f} ms "
            f"| {median([r['busy']['p99'] for r in runs]) * 1000:.1f} ms "
            f"| {ratio:.2f} {'met' if ratio <= RATIO_TARGET else 'missed'} "
            f"| {lag:.2f} s {'met' if lag <= LAG_TARGET else 'missed'} "
            f"| {median([r['busy']['tick'] for r in runs]):.2f} s "
            f"| {sum(r['busy']['working'] for r in runs)} "
            f"| {_cpu(runs)} | {_loads(runs)} |"
        )
    return [*lines, ""]


def _loads(runs: list[dict[str, Any]]) -> str:
    found = [r["load"] for r in runs if "load" in r]
    return f"{min(found):.1f}–{max(found):.1f}" if found else "not recorded"


def _cpu(runs: list[dict[str, Any]]) -> str:
    if not all("worker_cpu" in r["busy"] for r in runs):
        return "not recorded"
    quiet = median([r["quiet"]["worker_cpu"] for r in runs])
    return f"{median([r['busy']['worker_cpu'] for r in runs]):.2f} s (quiet {quiet:.2f} s)"
