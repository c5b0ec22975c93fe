"""The DST check reads a hand-written log in the zone's terms: a Chicago team's Monday 07:30
prompt must arrive at 07:30 on the team's clock the Monday before 1 Nov 2026 and the Monday
after, an hour apart in UTC; one that kept its UTC hour arrives at 06:30 and is caught."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from simulation import dst
from simulation.oracle import Oracle
from tests.simulation.test_oracle import CID, district

NOW = datetime(2026, 11, 3, tzinfo=UTC)


def seen(*posts: datetime) -> list[tuple[str, str, str]]:
    log = district()
    for at in posts:
        log.add(at.isoformat(), "post", community=CID, channel="C1", text="p", scheduled=True)
    oracle = Oracle(log)
    oracle.follow(NOW)
    return [(s.day.isoformat(), s.want, s.got) for s in dst.sightings(log, oracle.communities, NOW)]


def test_the_clocks_change_on_the_first_of_november_in_chicago() -> None:
    zone = ZoneInfo("America/Chicago")
    assert dst.changes(zone, date(2026, 9, 1), date(2027, 5, 31)) == [
        date(2026, 11, 1),
        date(2027, 3, 14),
    ]


def test_the_prompt_is_at_0730_on_the_team_s_clock_either_side_of_the_change() -> None:
    before, after = datetime(2026, 10, 26, 12, 30, tzinfo=UTC), datetime(2026, 11, 2, 13, 30)
    assert seen(before, after.replace(tzinfo=UTC)) == [
        ("2026-10-26", "07:30", "07:30"),
        ("2026-11-02", "07:30", "07:30"),
    ]


def test_a_prompt_that_kept_its_utc_hour_is_an_hour_early_and_a_lost_one_is_none() -> None:
    early = datetime(2026, 11, 2, 12, 30, tzinfo=UTC)
    assert seen(early) == [("2026-10-26", "07:30", "none"), ("2026-11-02", "07:30", "06:30")]
