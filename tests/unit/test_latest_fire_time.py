"""The run a claim takes: the latest fire time in [start, now] (bot/scheduling/when.py).

It is found walking back from `now`, not forward through every fire time since `start`: an
every-minute schedule a day behind used to give out 1,440 instants per claim (~4 ms, issue 19).
The walk back must give the same instant as walking forward, at clock changes of every kind."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import bot.scheduling.when as when_module
from bot.scheduling.when import When, fire_times, latest_at_or_before, parse_when
from tests.unit.cron_policies import transitions

ZONES = (
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
    "Pacific/Apia",
    "America/New_York",
    "Europe/London",
    "America/Sao_Paulo",
    "Asia/Kolkata",
)
SPECS = (
    "* * * * *",
    "*/15 * * * *",
    "30 2 * * *",
    "0,20,40 1,2 * * *",
    "0 0 * * *",
    "45 3 * * *",
    "daily 08:00",
    "mon,wed 15:30",
    "0 9 29 2 *",
    "0 9 1 * mon",
)


def walked_forward(when: When, zone: ZoneInfo, start: datetime, now: datetime) -> datetime | None:
    """The definition: every fire time from `start` on, the last one not after `now`."""
    latest = None
    for t in fire_times(when, zone, start - timedelta(microseconds=1)):
        if t > now:
            break
        latest = t
    return latest


def cases(zone: ZoneInfo, rng: random.Random) -> list[tuple[datetime, datetime]]:
    """(start, now) pairs: random, and around each clock change from 2016 to 2021."""
    out = []
    for _ in range(6):
        start = datetime(2010, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(7_000_000))
        out.append((start, start + timedelta(minutes=rng.randrange(3_000))))
    for change in transitions(zone, datetime(2016, 1, 1, tzinfo=UTC), 2021):
        for before in (25 * 60, 61, 30, 1):
            now = change + timedelta(minutes=rng.randrange(-before, before + 1))
            out.append((now - timedelta(minutes=rng.choice((0, 1, 59, 61, 1_500))), now))
    return out


@pytest.mark.parametrize("zone_name", ZONES)
def test_walking_back_finds_the_run_walking_forward_finds(zone_name: str) -> None:
    zone, rng = ZoneInfo(zone_name), random.Random(zone_name)
    for spec in SPECS:
        when = parse_when(spec)
        for start, now in cases(zone, rng):
            start = start.replace(second=rng.choice((0, 0, 30)))
            expected = walked_forward(when, zone, start, now)
            assert latest_at_or_before(when, zone, start, now) == expected, (spec, start, now)


def test_a_start_after_now_or_a_day_that_never_comes_has_no_run() -> None:
    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    utc = ZoneInfo("UTC")
    assert latest_at_or_before(parse_when("* * * * *"), utc, now, now) == now
    assert (
        latest_at_or_before(parse_when("* * * * *"), utc, now + timedelta(minutes=1), now) is None
    )
    assert latest_at_or_before(parse_when("0 9 31 2 *"), utc, now - timedelta(days=9), now) is None


def test_an_every_minute_schedule_a_day_behind_is_claimed_without_walking_the_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counts the instants drawn from fire_times and the days looked at: a handful, not the
    1,440 minutes of the day behind."""
    instants = days = 0
    real_fire_times, real_matches = when_module.fire_times, When.matches

    def counted_fire_times(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        nonlocal instants
        for t in real_fire_times(*args, **kwargs):  # type: ignore[arg-type]
            instants += 1
            yield t

    def counted_matches(self: When, day: object) -> bool:
        nonlocal days
        days += 1
        return real_matches(self, day)  # type: ignore[arg-type]

    monkeypatch.setattr(when_module, "fire_times", counted_fire_times)
    monkeypatch.setattr(When, "matches", counted_matches)
    now = datetime(2026, 11, 26, 9, 0, 20, tzinfo=UTC)
    for zone in ("UTC", "America/New_York", "Australia/Lord_Howe"):
        start = now - timedelta(days=1, minutes=61)  # the claim's reach: a day and the grace
        found = latest_at_or_before(parse_when("* * * * *"), ZoneInfo(zone), start, now)
        assert found == now.replace(second=0)
    assert instants + days <= 3 * 4, (instants, days)
