"""One seeded run: the district made from the seed, acted out through the adapters up to a
day, checked against the oracle; the result is what docs/simulation.md reports."""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from simulation import dst, gateway_faults
from simulation.acts import Acts, Mismatch
from simulation.checks import scheduled
from simulation.events import EventLog
from simulation.faults import fault_steps, socket_steps
from simulation.oracle import Oracle
from simulation.plan import FIRST_DAY, Scale, make_district
from simulation.processes import ProcessWorld
from simulation.work_check import reminders
from simulation.world import DISCORD, World
from simulation.year import Year


@dataclass
class Result:
    seed: int
    scale: Scale
    until: date
    database: str
    slack_mode: str = "http"
    sample: int = 12
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the process's, every thread's (SQLite's worker too)
    load: float = 0.0  # the machine's load average over the last 15 minutes, at the end
    events: dict[str, int] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)
    delivered: dict[str, int] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    ticks: int = 0
    checkpoints: int = 0
    breaks_skipped: int = 0
    faults: list[str] = field(default_factory=list)
    processes: int = 1  # `plcbot run` processes serving Slack (1: the simulation's own)
    dst: list[str] = field(default_factory=list)  # the prompts either side of each DST change
    log: EventLog = field(default_factory=EventLog)


async def simulate(
    seed: int,
    scale: Scale,
    url: str,
    *,
    until: date | None = None,
    sample: int = 12,
    slack_mode: str = "http",
    processes: int = 1,
    cut_seconds: float = 20.0,
) -> Result:
    """`processes` 2: Slack served by two `plcbot run` processes and Discord by the first
    (simulation/processes.py; PostgreSQL only; no console), with their faults
    (simulation/faults.py)."""
    last = min(until or scale.last_day, scale.last_day)
    result = Result(seed, scale, last, url.split(":", 1)[0].split("+", 1)[0], slack_mode, sample)
    result.processes = processes
    started, cpu = time.monotonic(), time.process_time()
    district = make_district(seed, scale, console=processes == 1)
    log = result.log
    start = datetime.combine(FIRST_DAY - timedelta(days=3), clock_time(13), UTC)
    world = World(log, start, slack_mode=slack_mode) if processes == 1 else ProcessWorld(log, start)
    await world.start(url)
    try:
        acts = Acts(world, log, district)
        oracle = Oracle(log)
        year = Year(acts, oracle, district, random.Random(seed * 7919 + 1), sample)
        faults = random.Random(seed)
        if isinstance(world, ProcessWorld):
            for step in fault_steps(world, acts, district, faults, cut_seconds):
                year.push(step)
        elif slack_mode == "socket":
            for step in socket_steps(world, acts, district, faults):
                year.push(step)
        await year.setup()
        await year.run(last)
        result.delivered = scheduled(acts, oracle, world.now())
        if any(t.community == DISCORD for t in district.teams):
            gateway_faults.check(acts)
        result.dst = dst.check(acts.expect, log, oracle.communities, world.now())
        reminders(acts, oracle, world.now())
    finally:
        await world.close()
    if isinstance(world, ProcessWorld):
        for verdict in world.log_verdicts():
            acts.expect(*verdict)
    result.seconds = time.monotonic() - started
    result.cpu_seconds, result.load = time.process_time() - cpu, os.getloadavg()[2]
    _summed(result, world, acts, oracle, year)
    return result


def _summed(result: Result, world: World, acts: Acts, oracle: Oracle, year: Year) -> None:
    """What the report says of the run: its events, checks, mismatches and faults."""
    log = result.log
    result.events = log.counts()
    result.checks = dict(sorted(acts.asked.items()))
    result.mismatches = acts.mismatches
    result.ticks, result.checkpoints = world.ticks, year.checkpoints
    result.breaks_skipped = oracle.expected.skipped
    refused = sum(1 for c in world.slack.fake.calls if c.status == 429)
    happened = [*acts.faults, *getattr(world, "faults", [])]
    result.faults = sorted(happened, key=lambda f: f.split(": ", 1)[0])  # by when
    result.faults.append(f"{refused} requests were answered 429 in all")
    if isinstance(world, ProcessWorld):
        result.faults += [world.claims(), world.costs()]
        result.faults.append(
            f"{year.beside} of the {year.steps} steps people took were taken at once with"
            " another team's at the same moment (simulation/lanes.py)"
        )
    elif result.slack_mode == "socket":
        drops = world.slack.drops
        result.faults.append(f"{drops} Socket Mode connection(s) dropped before an ack")
