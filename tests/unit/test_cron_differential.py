"""plcbot's schedule times against two independent cron implementations (issue 21).

A seeded set of cron expressions (names, ranges, steps, lists, day of month with day of week,
days 29–31) × eleven zones (30- and 45-minute offsets and changes, abolished DST, negative DST,
a skipped day) × starts (random, and just before each clock change) is evaluated by plcbot,
by cronsim and by croniter (test-only dependencies). Where an oracle and plcbot differ, the
difference must be one of the oracle's documented policies at a clock change, each checked
here by its own definition (see tests/unit/cron_policies.py); anything else is a failure.

plcbot's rule (README, bot/scheduling/when.py): every real local time that matches fires once,
at its first occurrence; a matching local time skipped by a change fires once, at the moment it
would have been (read with the offset before the change)."""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from croniter import croniter
from cronsim import CronSim, CronSimError

from bot.scheduling.when import next_fire_times, parse_when
from tests.unit.cron_policies import (
    Oracle,
    OracleHang,
    Verdict,
    classify,
    classify_hang,
    deadline,
    transitions,
)

ZONES = (
    "Australia/Lord_Howe",  # +10:30/+11, a 30-minute change at 02:00
    "Pacific/Chatham",  # +12:45/+13:45, changes at 02:45 and 03:45
    "America/St_Johns",  # -03:30/-02:30, changes at 00:01 until 2011
    "Pacific/Apia",  # skipped 30 December 2011 (-10 to +14); DST until 2021
    "Africa/Casablanca",  # DST suspended for Ramadan; since 2018 +01 with -1 h in Ramadan
    "America/New_York",
    "Europe/London",
    "Europe/Dublin",  # negative DST in the tz database (winter is the "saving" time)
    "Asia/Kolkata",  # +05:30, no changes
    "Australia/Adelaide",  # +09:30/+10:30
    "America/Sao_Paulo",  # changes at 00:00 until DST was abolished in 2019
)
FIELDS = (
    ("0", "30", "45", "*/15", "0,20,40", "5-50/15", "10/20", "0,45"),  # minute
    ("9", "2", "1,2", "0", "3", "23", "*/6", "1-3", "0-5/2", "1/4", "*"),  # hour
    ("*", "*", "*", "1", "15", "29", "30", "31", "*/2", "1-7", "29-31", "10,20"),  # day of month
    ("*", "*", "*", "2", "jan-mar", "*/3", "3,10", "feb", "11-12", "apr,sep"),  # month
    ("*", "*", "*", "mon", "1-5", "sat,sun", "0", "7", "*/2", "fri", "mon-wed"),  # day of week
)
FIXED = (
    "0 9 29 2 *",
    "0,20,40 2 * * *",
    "0,45 3 * * *",
    "0,40 1,2 * * *",
    "0 9 */2 * 1",
    "30 2 * * *",
    "30 1 * * *",
    "0 0 * * *",
    "*/30 * * * *",
    "0 * * * *",
)
COUNT = 4  # next fire times compared per case


def expressions(rng: random.Random, n: int) -> list[str]:
    out = list(FIXED)
    while len(out) < n:
        expr = " ".join(rng.choice(choices) for choices in FIELDS)
        try:
            CronSim(expr, datetime(2020, 1, 1))
        except CronSimError:  # a day no month has (31 February): plcbot refuses it too
            assert not next_fire_times(
                parse_when(expr), ZoneInfo("UTC"), datetime(2020, 1, 1, tzinfo=UTC), 1
            )
            continue
        out.append(expr)
    return out


def starts(rng: random.Random, zone: str, n_random: int) -> list[datetime]:
    out = [
        datetime(2005, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(30 * 525_960))
        for _ in range(n_random)
    ]
    for change in transitions(ZoneInfo(zone), datetime(2008, 1, 1, tzinfo=UTC), 2031):
        out.append(change - timedelta(hours=rng.choice((1, 3, 6, 25))))
    return out


def plcbot_times(expr: str, zone: ZoneInfo, start: datetime) -> list[datetime]:
    return next_fire_times(parse_when(expr), zone, start, COUNT)


def cronsim_times(expr: str, zone: ZoneInfo, start: datetime) -> list[datetime]:
    it = CronSim(expr, start.astimezone(zone))
    out = []
    for _ in range(COUNT):
        try:
            out.append(next(it).astimezone(UTC))
        except StopIteration:  # cronsim looks 50 years ahead
            break
    return out


def croniter_times(expr: str, zone: ZoneInfo, start: datetime) -> list[datetime]:
    # implement_cron_bug=True: croniter's default ORs the day fields whenever neither is
    # literally "*"; Vixie cron (and plcbot, cronsim) AND them when either begins with "*".
    it = croniter(expr, start.astimezone(zone), implement_cron_bug=True)
    return [it.get_next(datetime).astimezone(UTC) for _ in range(COUNT)]


ORACLES = (
    Oracle(
        "cronsim",
        cronsim_times,
        (
            "debian_skipped_run_at_change",
            "debian_each_real_instant",
            "cronsim_defect_jumps_across_off_hour_change",
            "cronsim_defect_loops_at_a_change_back_across_midnight",
        ),
    ),
    Oracle(
        "croniter",
        croniter_times,
        ("croniter_skipped_to_next_wall_minute", "croniter_each_real_instant"),
    ),
)


def compare(
    expr: str,
    zone: ZoneInfo,
    start: datetime,
    mine: list[datetime],
    oracle: Oracle,
    limit: float = 5,
) -> list[Verdict]:
    try:
        with deadline(limit):
            theirs = oracle.times(expr, zone, start)
    except OracleHang:
        return [classify_hang(expr, zone, start, mine, oracle)]
    return classify(expr, zone, mine, theirs, oracle)


@pytest.mark.slow
def test_plcbot_agrees_with_cronsim_and_croniter_except_documented_dst_policies() -> None:
    rng = random.Random(21)
    began = time.monotonic()
    exprs = expressions(rng, 60)
    policies: Counter[str] = Counter()
    failures: list[str] = []
    cases = 0
    for zone_name in ZONES:
        zone = ZoneInfo(zone_name)
        for start in starts(rng, zone_name, 12):
            for expr in rng.sample(exprs, 6):
                cases += 1
                mine = plcbot_times(expr, zone, start)
                assert mine == sorted(set(mine)), (expr, zone_name, start)
                for oracle in ORACLES:
                    for verdict in compare(expr, zone, start, mine, oracle):
                        if verdict.policy is None:
                            failures.append(
                                f"{oracle.name}: {expr!r} {zone_name} from {start}: {verdict.detail}"
                            )
                        else:
                            policies[verdict.policy] += 1
    took = time.monotonic() - began
    print(f"{cases} cases in {took:.1f} s; policy differences: {dict(policies)}")
    assert not failures, "\n".join(failures[:30])
    assert took < 60


def test_the_classification_fails_a_lost_real_time_and_excuses_only_documented_policies() -> None:
    """The comparison is not vacuous: the times plcbot gave before issue 21 was fixed fail."""
    zone = ZoneInfo("Australia/Lord_Howe")
    start = datetime(2027, 10, 2, 12, tzinfo=zone)
    expr = "0,20,40 2 * * *"
    lost = [t for t in plcbot_times(expr, zone, start) if t.astimezone(zone).minute != 40]
    cronsim, croniter = ORACLES
    verdicts = classify(expr, zone, lost, cronsim.times(expr, zone, start), cronsim)
    assert any(v.policy is None and "02:40" in v.detail for v in verdicts)
    right = classify(
        expr, zone, plcbot_times(expr, zone, start), croniter.times(expr, zone, start), croniter
    )
    assert right and all(v.policy == "croniter_skipped_to_next_wall_minute" for v in right)


def test_an_oracle_that_never_returns_is_a_failure_unless_it_is_cronsims_named_loop() -> None:
    zone = ZoneInfo("America/St_Johns")  # fell back from 00:01 to 23:01 on 7 November 2010
    start = datetime(2010, 11, 7, 1, 31, tzinfo=UTC)
    cronsim, croniter = ORACLES
    mine = plcbot_times("45 * 1 * 0", zone, start)
    (verdict,) = compare("45 * 1 * 0", zone, start, mine, cronsim, limit=1)
    assert verdict.policy == "cronsim_defect_loops_at_a_change_back_across_midnight"
    assert classify_hang("45 * 1 * 0", zone, start, mine, croniter).policy is None
