"""When schedules fire: rare dates, clock changes that are not a whole hour or not at 02:00,
the day-of-month/day-of-week rule, and the cron dialect that is accepted (issue 21)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.when import WhenError, next_fire_times, parse_when
from tests.harness import Harness, reply_text
from tests.unit.test_declared import apply


def local_times(expr: str, zone: str, after: str, count: int, fmt: str = "%d %H:%M") -> list[str]:
    tz = ZoneInfo(zone)
    start = datetime.fromisoformat(after).replace(tzinfo=tz)
    return [
        t.astimezone(tz).strftime(fmt) for t in next_fire_times(parse_when(expr), tz, start, count)
    ]


# 1. A yearly-rare schedule is kept.


async def test_a_29_february_schedule_is_accepted_years_ahead_and_keeps_its_next_time(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    h.clock.set(datetime(2025, 3, 1, tzinfo=UTC))  # the next 29 February is three years away
    out = await h.say("ana", '/plc schedule add stage_nudge "0 9 29 2 *"')
    assert out.ok, reply_text(out)
    assert "Next: Tue 29 Feb 09:00, Sun 29 Feb 09:00, Fri 29 Feb 09:00" in reply_text(out)
    chicago = ZoneInfo("America/Chicago")
    h.clock.set(datetime(2028, 2, 29, 9, tzinfo=chicago))
    assert (await h.runner().tick()).posted == 1
    (schedule,) = h.store.state.schedules.values()
    assert schedule.next_fire_at == datetime(2032, 2, 29, 9, tzinfo=chicago)
    listing = reply_text(await h.say("ana", "/plc schedule list"))
    assert "next Sun 29 Feb 09:00" in listing


def test_a_29_february_that_must_also_be_a_sunday_is_found_forty_years_ahead() -> None:
    # 29 February is a Sunday in 2088 and next in 2128: 2100 is not a leap year.
    assert local_times("0 9 29 2 */7", "UTC", "2088-03-01T00:00", 1, "%Y-%m-%d %a") == [
        "2128-02-29 Sun"
    ]


async def test_a_declared_29_february_schedule_gets_its_next_time_when_applied(h: Harness) -> None:
    config = """
[[community]]
id = "console:T1"
admins = ["ana"]

[[community.team]]
channel = "C1"
timezone = "America/Chicago"

[[community.team.schedule]]
kind = "stage_nudge"
when = "0 9 29 2 *"
"""
    await apply(h, config)  # on 14 September 2026: the next 29 February is 533 days away
    (schedule,) = h.store.state.schedules.values()
    assert schedule.next_fire_at == datetime(2028, 2, 29, 9, tzinfo=ZoneInfo("America/Chicago"))


async def test_a_date_that_never_comes_is_refused(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", '/plc schedule add stage_nudge "0 9 31 2 *"')
    assert not out.ok and "never comes round" in reply_text(out)
    assert h.store.state.schedules == {}


# 2. Every real local time fires once across clock changes of 30 and 45 minutes, or at 00:01.


@pytest.mark.parametrize(
    ("expr", "zone", "after", "expected"),
    [
        # Lord Howe springs forward 30 minutes at 02:00: 02:00 and 02:20 do not exist.
        (
            "0,20,40 2 * * *",
            "Australia/Lord_Howe",
            "2027-10-02T12:00",
            ["03 02:30", "03 02:40", "03 02:50", "04 02:00"],
        ),
        # Chatham springs forward at 02:45 to 03:45: 03:00 and 03:30 would have been 04:00 and 04:30.
        (
            "0,45 3 * * *",
            "Pacific/Chatham",
            "2027-09-25T12:00",
            ["26 03:45", "26 04:00", "27 03:00", "27 03:45"],
        ),
        # St John's sprang forward at 00:01 in 2011: 01:00 does not exist, 01:40 does.
        (
            "0,40 1,2 * * *",
            "America/St_Johns",
            "2011-03-12T12:00",
            ["13 01:40", "13 02:00", "13 02:40", "14 01:00"],
        ),
    ],
)
def test_every_real_local_time_fires_once_across_a_clock_change(
    expr: str, zone: str, after: str, expected: list[str]
) -> None:
    assert local_times(expr, zone, after, 4) == expected


def test_lord_howe_repeated_half_hour_fires_once_per_local_time() -> None:
    # Lord Howe falls back from 02:00 to 01:30: 01:30-01:59 happen twice, and fire once each.
    assert local_times("*/15 1 * * *", "Australia/Lord_Howe", "2027-04-03T12:00", 5) == [
        "04 01:00",
        "04 01:15",
        "04 01:30",
        "04 01:45",
        "05 01:00",
    ]


async def test_the_runner_posts_the_real_time_after_a_half_hour_change(h: Harness) -> None:
    await h.team_with_facilitator()
    zone = ZoneInfo("Australia/Lord_Howe")
    h.clock.set(datetime(2027, 10, 2, 12, tzinfo=zone))
    for minute in (0, 20, 40):  # one channel post an hour at most: three schedules
        line = f'/plc schedule add stage_nudge "{minute} 2 * * *" Australia/Lord_Howe'
        out = await h.say("ana", line)
        assert out.ok, reply_text(out)
    runner = h.runner(grace_minutes=5)
    posted = []
    moment = datetime(2027, 10, 3, 1, 50, tzinfo=zone).astimezone(UTC)  # 02:00 becomes 02:30
    for _ in range(70):
        moment += timedelta(minutes=1)
        h.clock.set(moment)
        if (await runner.tick()).posted:
            posted.append(moment.astimezone(zone).strftime("%H:%M"))
    assert posted == ["02:30", "02:40", "02:50"]


# 3. Day of month and day of week: Vixie cron's rule.


def test_a_day_field_that_begins_with_a_star_restricts_together_with_the_other() -> None:
    # */2 begins with "*": odd days that are also Mondays.
    days = local_times("0 9 */2 * 1", "UTC", "2027-01-01T00:00", 4, "%a %d %b")
    assert days == ["Mon 11 Jan", "Mon 25 Jan", "Mon 01 Feb", "Mon 15 Feb"]


def test_two_restricted_day_fields_mean_either() -> None:
    days = local_times("0 9 1 * mon", "UTC", "2027-01-01T12:00", 3, "%a %d %b")
    assert days == ["Mon 04 Jan", "Mon 11 Jan", "Mon 18 Jan"]
    days = local_times("0 9 1,15 * fri", "UTC", "2027-01-09T00:00", 3, "%a %d %b")
    assert days == ["Fri 15 Jan", "Fri 22 Jan", "Fri 29 Jan"]
    days = local_times("0 9 1,15 * fri", "UTC", "2027-01-30T00:00", 2, "%a %d %b")
    assert days == ["Mon 01 Feb", "Fri 05 Feb"]


# 4. The cron dialect: strict names and steps; ranges do not wrap.


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("0 9 * * monkey", "“monkey” is not a value of the day-of-week field"),
        ("0 9 * jansen *", "“jansen” is not a value of the month field"),
        ("0 9 * * 1/", "“1/” needs a step after “/”"),
        ("0 9 */ * *", "“*/” needs a step after “/”"),
        ("*/0 9 * * *", "“*/0” needs a step after “/”"),
        ("monkey 15:30", "“monkey” is not a day"),
        ("0 9 * * fri-mon", "cron ranges cannot wrap: write “fri-sat,sun-mon”"),
        ("0 22-2 * * *", "cron ranges cannot wrap: write “22-23,0-2”"),
        ("0 9 * nov-feb *", "cron ranges cannot wrap: write “nov-dec,jan-feb”"),
    ],
)
def test_lenient_cron_words_and_steps_are_refused_with_what_to_write(text: str, says: str) -> None:
    with pytest.raises(WhenError) as refused:
        parse_when(text)
    assert says in str(refused.value)


async def test_a_refused_cron_line_is_answered_with_examples(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", '/plc schedule add stage_nudge "0 9 * * monkey"')
    assert not out.ok and "Examples:" in reply_text(out) and "monkey" in reply_text(out)
    assert h.store.state.schedules == {}


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("monday,friday 15:30", {0, 4}),
        ("fri-mon 15:30", {4, 5, 6, 0}),  # the friendly form wraps round the week
        ("30 15 * * MON-FRI", {0, 1, 2, 3, 4}),
        ("30 15 * * 5-7", {4, 5, 6}),
    ],
)
def test_day_names_and_ranges_that_are_accepted(text: str, weekdays: set[int]) -> None:
    assert set(parse_when(text).weekdays) == weekdays
