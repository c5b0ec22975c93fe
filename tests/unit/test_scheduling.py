from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.model import RunState
from bot.scheduling.when import WhenError, next_fire_times, parse_when
from tests.harness import Harness, reply_text


@pytest.mark.parametrize(
    ("text", "weekdays", "at"),
    [
        ("mon,wed 15:30", {0, 2}, (15, 30)),
        ("weekdays 08:00", {0, 1, 2, 3, 4}, (8, 0)),
        ("daily 16:00", set(), (16, 0)),
        ("30 15 * * 1,3", {0, 2}, (15, 30)),
        ("0 9 * * mon-fri", {0, 1, 2, 3, 4}, (9, 0)),
        ("0 9 * * 0", {6}, (9, 0)),
    ],
)
def test_when_expressions_are_read_as_days_and_a_time(
    text: str, weekdays: set[int], at: tuple[int, int]
) -> None:
    when = parse_when(text)
    assert set(when.weekdays) == weekdays and (when.hours, when.minutes) == ((at[0],), (at[1],))


@pytest.mark.parametrize(
    "text", ["", "someday 15:30", "mon 25:00", "mon 15:61", "61 * * * *", "* * *", "noon"]
)
def test_unreadable_when_expressions_are_refused(text: str) -> None:
    with pytest.raises(WhenError):
        parse_when(text)


# Monday 15:30 local, on the Mondays around the 2027 changes: US 14 Mar / 7 Nov, EU 28 Mar / 31 Oct.
DST_MONDAYS = {
    "America/New_York": ["2027-03-08", "2027-03-15", "2027-11-01", "2027-11-08"],
    "Europe/Berlin": ["2027-03-22", "2027-03-29", "2027-10-25", "2027-11-01"],
}


@pytest.mark.parametrize("zone", sorted(DST_MONDAYS))
async def test_a_monday_1530_schedule_posts_at_1530_local_across_spring_and_autumn_changes(
    zone: str,
) -> None:
    h = Harness()
    tz = ZoneInfo(zone)
    await h.team_with_facilitator()
    h.clock.set(datetime(2027, 3, 1, tzinfo=UTC))
    assert (await h.say("ana", f'/plc schedule add stage_nudge "mon 15:30" {zone}')).ok
    runner = h.runner()
    for day in DST_MONDAYS[zone]:
        local = datetime.fromisoformat(f"{day}T15:30").replace(tzinfo=tz)
        h.clock.set(local - timedelta(minutes=1))
        await runner.tick()
        before = len(h.chat.posts_to("C1"))
        h.clock.set(local)
        report = await runner.tick()
        assert report.posted == 1, day
        assert len(h.chat.posts_to("C1")) == before + 1
        h.clock.set(local + timedelta(minutes=1))
        assert (await runner.tick()).posted == 0


def test_a_time_skipped_by_spring_forward_fires_once_and_a_repeated_one_once() -> None:
    ny = ZoneInfo("America/New_York")
    gap = next_fire_times(parse_when("daily 02:30"), ny, datetime(2027, 3, 13, 12, tzinfo=UTC), 2)
    assert [t.astimezone(ny).strftime("%d %H:%M") for t in gap] == ["14 03:30", "15 02:30"]
    overlap = next_fire_times(
        parse_when("daily 01:30"), ny, datetime(2027, 11, 6, 12, tzinfo=UTC), 2
    )
    assert [t.astimezone(ny).strftime("%d %H:%M %Z") for t in overlap] == [
        "07 01:30 EDT",
        "08 01:30 EST",
    ]


async def scheduled(h: Harness, kind: str, when: str = "daily 16:00", extra: str = "") -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", f'/plc schedule add {kind} "{when}" {extra}'.strip())
    assert out.ok, reply_text(out)


def chicago(day: str, at: str = "16:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{at}").replace(tzinfo=ZoneInfo("America/Chicago"))


async def test_each_kind_posts_the_right_thing_to_the_team_channel(h: Harness) -> None:
    await h.team_with_facilitator()
    for kind in ("stage_nudge", "reflection_prompt", "norms_reminder", "checkin"):
        assert (await h.say("ana", f'/plc schedule add {kind} "daily 16:00"')).ok
    h.clock.set(chicago("2026-09-14"))
    report = await h.runner().tick()
    assert report.posted == 4
    texts = [p.text for p in h.chat.posts_to("C1")[-4:]]
    assert any("Analyze student data · cycle 1" in t for t in texts)
    assert any("Reflection prompt" in t for t in texts)
    assert any("Our working norms" in t and "1. Maintain confidentiality" in t for t in texts)
    assert any("How are you arriving?" in t for t in texts)
    assert len(h.store.state.deliveries) == 1  # the prompt is a delivery teachers can answer


async def test_stage_nudges_rotate(h: Harness) -> None:
    await scheduled(h, "stage_nudge")
    runner = h.runner()
    texts = []
    for day in ("2026-09-14", "2026-09-15"):
        h.clock.set(chicago(day))
        await runner.tick()
        texts.append(h.chat.posts_to("C1")[-1].text)
    assert texts[0] != texts[1]


async def test_a_calendar_break_suppresses_posts_inside_it_and_not_a_minute_outside(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    assert (await h.say("ana", '/plc schedule add norms_reminder "daily 23:59"')).ok
    assert (await h.say("ana", '/plc schedule add stage_nudge "daily 00:00"')).ok
    assert (await h.say("ana", "/plc calendar off 2026-12-21..2027-01-01 Winter break")).ok
    runner = h.runner()
    posted = {}
    for day, at in [
        ("2026-12-20", "23:59"),
        ("2026-12-21", "00:00"),
        ("2027-01-01", "23:59"),
        ("2027-01-02", "00:00"),
    ]:
        h.clock.set(chicago(day, at))
        posted[(day, at)] = (await runner.tick()).posted
    assert posted == {
        ("2026-12-20", "23:59"): 1,
        ("2026-12-21", "00:00"): 0,
        ("2027-01-01", "23:59"): 0,
        ("2027-01-02", "00:00"): 1,
    }


async def test_a_team_only_break_does_not_silence_other_teams(h: Harness) -> None:
    await scheduled(h, "norms_reminder")
    await h.say("ana", "/plc team create Science", channel="C2")
    await h.say("ana", '/plc schedule add norms_reminder "daily 16:00"', channel="C2")
    await h.say("ana", "/plc calendar off 2026-09-14..2026-09-14 Testing --team", channel="C2")
    h.clock.set(chicago("2026-09-14"))
    await h.runner().tick()
    assert len(h.chat.posts_to("C1")) > 0 and all(
        "norms" not in p.text for p in h.chat.posts_to("C2")
    )


async def test_a_late_run_within_grace_posts_once_and_beyond_grace_posts_nothing(
    h: Harness,
) -> None:
    await scheduled(h, "stage_nudge")
    runner = h.runner(grace_minutes=60)
    h.clock.set(chicago("2026-09-14", "16:45"))  # 45 minutes late
    assert (await runner.tick()).posted == 1
    assert (await runner.tick()).posted == 0
    h.clock.set(chicago("2026-09-15", "17:30"))  # 90 minutes late
    report = await runner.tick()
    assert (report.posted, report.missed) == (0, 1)


async def test_several_missed_runs_coalesce_into_one(h: Harness) -> None:
    await scheduled(h, "stage_nudge", when="0 * * * *")  # hourly
    h.clock.set(chicago("2026-09-14", "16:00"))
    runner = h.runner(grace_minutes=60)
    await runner.tick()
    h.clock.set(chicago("2026-09-14", "19:10"))  # 17:00, 18:00 and 19:00 were missed
    report = await runner.tick()
    assert report.posted == 1
    runs = sorted(h.store.state.runs.values(), key=lambda r: r.fire_at)
    assert runs[-1].fire_at == chicago("2026-09-14", "19:00") and runs[-1].state is RunState.SENT


async def test_nonresponder_reminders_go_once_only_to_teachers_who_have_not_answered(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    for user in ("tia", "uma", "vic", "wes"):
        await h.say(user, "/plc checkin 3")
    await h.say("wes", "/plc me reminders off")
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect Done already.")
    await h.say("ana", '/plc schedule add nonresponder_reminder "daily 16:00" after 24h')
    runner = h.runner()
    h.clock.set(chicago("2026-09-14"))  # the prompt is an hour old: too early
    assert (await runner.tick()).posted == 0
    h.clock.set(chicago("2026-09-15"))
    await runner.tick()
    assert sorted(
        s.where for s in h.chat.sent if s.kind == "dm" and "gentle reminder" in s.text
    ) == ["uma", "vic"]
    h.clock.set(chicago("2026-09-16"))
    await runner.tick()
    assert len([s for s in h.chat.sent if s.kind == "dm" and "gentle reminder" in s.text]) == 2
    out = await h.dm("uma", "Answering from the reminder.")
    assert out.ok and any(r.user_id == "uma" for r in h.store.state.reflections.values())


async def test_adding_a_schedule_shows_the_next_three_times_in_the_team_zone(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", '/plc schedule add stage_nudge "mon,wed 15:30"')
    assert "Next: Mon 14 Sep 15:30, Wed 16 Sep 15:30, Mon 21 Sep 15:30" in reply_text(out)
    listing = reply_text(await h.say("ana", "/plc schedule list"))
    assert "stage_nudge · mon,wed 15:30 America/Chicago · next Mon 14 Sep 15:30" in listing


@pytest.mark.parametrize(
    ("line", "expect"),
    [
        ('/plc schedule add stage_nudge "someday 15:30"', "weekdays 08:00"),
        ('/plc schedule add stage_nudge "mon 15:30" Mars/Base', "IANA"),
        ('/plc schedule add dance "mon 15:30"', "Kinds: stage_nudge"),
        ("/plc schedule add stage_nudge", "Say when"),
    ],
)
async def test_an_invalid_schedule_is_explained_with_examples_and_nothing_is_saved(
    h: Harness, line: str, expect: str
) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", line)
    assert not out.ok and expect in reply_text(out)
    assert h.store.state.schedules == {}


async def test_pause_resume_and_remove_a_schedule(h: Harness) -> None:
    await scheduled(h, "stage_nudge")
    sid = next(iter(h.store.state.schedules))
    assert (await h.say("ana", f"/plc schedule pause {sid}")).ok
    h.clock.set(chicago("2026-09-14"))
    assert (await h.runner().tick()).posted == 0
    assert (await h.say("ana", f"/plc schedule resume {sid}")).ok
    h.clock.set(chicago("2026-09-15"))
    assert (await h.runner().tick()).posted == 1
    assert (await h.say("ana", f"/plc schedule remove {sid}")).ok
    assert h.store.state.schedules == {}
    out = await h.say("ana", f"/plc schedule remove {sid}")
    assert not out.ok and "no schedule" in reply_text(out)


async def test_a_run_claimed_by_a_worker_that_died_is_reported_and_not_reposted(h: Harness) -> None:
    await scheduled(h, "stage_nudge")
    h.clock.set(chicago("2026-09-14"))
    h.chat.fail = True  # the post never lands; simulate the crash by putting the claim back
    await h.runner().tick()
    run = next(iter(h.store.state.runs.values()))
    from dataclasses import replace

    h.store.state.runs[run.id] = replace(run, state=RunState.CLAIMED, finished_at=None)
    h.chat.fail = False
    h.clock.advance(minutes=30)
    assert (await h.runner().tick()).posted == 0
    listing = reply_text(await h.say("ana", "/plc schedule list"))
    assert "Not confirmed" in listing and "not re-posted" in listing


async def test_teachers_cannot_manage_schedules(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("tom", "/plc checkin")).ok
    out = await h.say("tom", '/plc schedule add stage_nudge "mon 15:30"')
    assert not out.ok and "facilitator" in reply_text(out)
    assert h.store.state.schedules == {}


async def test_calendar_breaks_are_listed_and_removed(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("ana", "/plc calendar off 2026-12-21..2027-01-01 Winter break")
    listing = reply_text(await h.say("ana", "/plc calendar list"))
    assert "Winter break: 2026-12-21 to 2027-01-01 (whole community)" in listing
    bid = next(iter(h.store.state.breaks))
    assert (await h.say("ana", f"/plc calendar remove {bid}")).ok
    out = await h.say("ana", "/plc calendar off 2027-01-05..2027-01-01 Backwards")
    assert not out.ok and "ends before it starts" in reply_text(out)
