"""One seeded run: the district made from the seed, acted out through the adapters up to a
day, checked against the oracle; the result is what docs/simulation.md reports."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from simulation.acts import Acts, Mismatch
from simulation.checks import scheduled
from simulation.events import EventLog
from simulation.oracle import Oracle
from simulation.plan import FIRST_DAY, Scale, make_district
from simulation.work_check import reminders
from simulation.world import World
from simulation.year import Year


@dataclass
class Result:
    seed: int
    scale: Scale
    until: date
    database: str
    slack_mode: str = "http"
    seconds: float = 0.0
    events: dict[str, int] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)
    delivered: dict[str, int] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    ticks: int = 0
    checkpoints: int = 0
    breaks_skipped: int = 0
    faults: list[str] = field(default_factory=list)
    log: EventLog = field(default_factory=EventLog)


async def simulate(
    seed: int,
    scale: Scale,
    url: str,
    *,
    until: date | None = None,
    sample: int = 12,
    slack_mode: str = "http",
) -> Result:
    last = min(until or scale.last_day, scale.last_day)
    result = Result(seed, scale, last, url.split(":", 1)[0].split("+", 1)[0], slack_mode)
    started = time.monotonic()
    district = make_district(seed, scale)
    log = result.log
    world = World(
        log,
        datetime.combine(FIRST_DAY - timedelta(days=3), clock_time(13), UTC),
        slack_mode=slack_mode,
    )
    await world.start(url)
    try:
        acts = Acts(world, log, district)
        oracle = Oracle(log)
        year = Year(acts, oracle, district, random.Random(seed * 7919 + 1), sample)
        await year.setup()
        await year.run(last)
        result.delivered = scheduled(acts, oracle, world.now())
        reminders(acts, oracle, world.now())
    finally:
        await world.close()
    result.seconds = time.monotonic() - started
    result.events = log.counts()
    result.checks = dict(sorted(acts.asked.items()))
    result.mismatches = acts.mismatches
    result.ticks, result.checkpoints = world.ticks, year.checkpoints
    result.breaks_skipped = oracle.expected.skipped
    refused = sum(1 for c in world.slack.fake.calls if c.status == 429)
    result.faults = [*acts.faults, f"{refused} requests were answered 429 in all"]
    return result
