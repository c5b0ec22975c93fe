"""Schedules and calendars in the console, end to end over real SQLite (issue 18): what a
facilitator or an admin sees when they add, list, try out and manage a team's schedules."""

from __future__ import annotations

import io
from pathlib import Path

from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from bot.library_loader import load_libraries
from bot.scheduling.runner import ScheduleRunner
from plcbot.app import build_bot, open_storage
from tests.console.test_console_e2e import play
from tests.harness import START

TEAM = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/as fay
/plc checkin
/as ana
/plc role grant @fay facilitator
"""


async def test_us_times_are_read_as_the_24_hour_time_they_mean(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc schedule add stage_nudge "daily 3pm"
/plc schedule add norms_reminder "mon,wed 3:30pm"
/plc schedule add checkin 7:45am
""",
    )
    assert "stage_nudge · daily 15:00 America/Chicago" in transcript
    assert "Next: Mon 14 Sep 15:00, Tue 15 Sep 15:00, Wed 16 Sep 15:00" in transcript
    assert "norms_reminder · mon,wed 15:30 America/Chicago" in transcript
    assert "checkin · daily 07:45 America/Chicago" in transcript


async def test_an_early_time_without_am_or_pm_asks_morning_or_afternoon_and_saves_nothing(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc schedule add stage_nudge "Mon,Wed 3:30"
/plc schedule list
/plc schedule add stage_nudge "mon,wed 3:30pm"
""",
    )
    assert "3:30 in the morning or the afternoon?" in transcript
    assert "“mon,wed 3:30am” or “mon,wed 3:30pm”" in transcript
    listing = transcript.split("/plc schedule list", 1)[1].split("/plc schedule add", 1)[0]
    assert "None yet" in listing
    assert "stage_nudge · mon,wed 15:30 America/Chicago" in transcript


async def test_an_exact_duplicate_schedule_is_refused_and_names_the_existing_one(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc schedule add stage_nudge "mon 15:30"
/plc schedule add stage_nudge "Mon  15:30"
/plc schedule add norms_reminder "mon 15:30"
/plc schedule list
""",
    )
    assert (
        "Schedule #1 already posts this: #1 stage_nudge · mon 15:30 America/Chicago" in transcript
    )
    assert "Nothing was added." in transcript
    listing = transcript.rsplit("/plc schedule list", 1)[1]
    assert listing.count("stage_nudge · mon 15:30") == 1
    assert "#2 norms_reminder" in listing


async def test_a_channel_post_more_often_than_hourly_is_refused_and_hourly_is_accepted(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc schedule add checkin "* * * * *"
/plc schedule add checkin "0 * * * 1-5"
""",
    )
    assert "would post in the channel 60 times in an hour" in transcript
    assert "at most once an hour" in transcript
    assert "Added schedule #1 checkin · 0 * * * 1-5 America/Chicago" in transcript


async def test_the_list_shows_the_next_real_posts_and_which_a_break_skips(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc calendar off 2026-09-16..2026-09-17 Conference days
/plc schedule add stage_nudge "weekdays 15:30"
/plc schedule list
""",
    )
    listing = transcript.rsplit("/plc schedule list", 1)[1]
    assert "next Mon 14 Sep 15:30, Tue 15 Sep 15:30, Fri 18 Sep 15:30" in listing
    assert (
        "Skipped for a break: Wed 16 Sep 15:30 (Conference days), "
        "Thu 17 Sep 15:30 (Conference days)" in listing
    )
    added = transcript.split("/plc schedule add", 1)[1]
    assert "Next: Mon 14 Sep 15:30, Tue 15 Sep 15:30, Fri 18 Sep 15:30" in added


async def test_a_reminders_after_hours_is_shown_when_added_and_listed(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc schedule add nonresponder_reminder "daily 16:00" after 48h
/plc schedule add nonresponder_reminder "weekdays 09:00"
/plc schedule list
""",
    )
    added, listing = (
        transcript.split("/plc schedule add", 1)[1],
        transcript.rsplit("/plc schedule list", 1)[1],
    )
    assert "nonresponder_reminder · daily 16:00 America/Chicago · after 48h" in added
    assert "nonresponder_reminder · daily 16:00 America/Chicago · after 48h" in listing
    assert "nonresponder_reminder · weekdays 09:00 America/Chicago · after 24h" in listing


async def test_every_schedule_answer_shows_the_teams_time_zone(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc schedule add stage_nudge "mon 15:30"
/plc schedule list
/plc schedule pause 1
/plc schedule resume 1
/plc schedule remove 1
""",
    )
    parts = transcript.split("> /plc schedule ")[1:]  # each command's echo and answer
    assert len(parts) == 5
    for part in parts:
        assert "Grade 4 Math's time zone: America/Chicago" in part, part


async def test_a_facilitator_adds_pauses_and_removes_their_own_teams_schedules_only(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/in grade5
/plc team create "Grade 5 Science" America/Chicago
/plc schedule add stage_nudge "tue 15:30"
/in grade4
/as fay
/plc schedule add stage_nudge "mon 15:30"
/plc schedule pause 2
/plc schedule remove 2
/plc schedule pause 1
/in grade5
/plc schedule add stage_nudge "wed 15:30"
/plc schedule remove 1
""",
    )
    assert "Added schedule #2 stage_nudge · mon 15:30" in transcript
    assert "Paused schedule #2." in transcript
    assert "Removed schedule #2 stage_nudge" in transcript
    assert "This channel has no schedule #1." in transcript  # grade5's, asked in grade4
    grade5 = transcript.rsplit("/in grade5", 1)[1]
    assert "Added schedule" not in grade5 and "Removed schedule" not in grade5
    assert grade5.count("Only a facilitator of this team (or an admin) can use") == 2


async def play_with_scheduler(tmp_path: Path, script: str) -> str:
    """As the demo runs: the console's /wait ticks the scheduler as the clock moves on."""
    out = io.StringIO()
    clock = FixedClock(START)
    console = Console(out, advance=lambda m: clock.advance(minutes=m))
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}") as storage:
        console.attach(build_bot(Config(), uow=storage.uow, chat=console.chat, clock=clock))
        runner = ScheduleRunner(
            uow=storage.uow, chat=console.chat, libraries=load_libraries(), clock=clock
        )
        console.tick = runner.tick
        for line in script.strip().splitlines():
            await console.handle(line, echo=True)
    return out.getvalue()


async def test_a_one_day_break_is_written_as_one_date(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path, TEAM + "\n/plc calendar off 2026-11-26 Thanksgiving\n/plc calendar list\n"
    )
    assert "Thanksgiving: Thu 26 Nov 2026, for every team in this community." in transcript
    assert "Nothing is posted on that day." in transcript
    assert "Thanksgiving: 2026-11-26 (whole community)" in transcript


async def test_an_identical_break_is_refused_and_names_the_existing_one(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/plc calendar off 2026-11-26..2026-11-27 Thanksgiving
/plc calendar off 2026-11-26..2026-11-27 Thanksgiving break
/plc calendar off 2026-11-26..2026-11-27 Thanksgiving --team
/plc calendar list
""",
    )
    assert "Break #1 Thanksgiving already covers 2026-11-26 to 2026-11-27. Nothing was added." in (
        transcript
    )
    listing = transcript.rsplit("/plc calendar list", 1)[1]
    assert "#1 Thanksgiving: 2026-11-26 to 2026-11-27 (whole community)" in listing
    assert "#2 Thanksgiving: 2026-11-26 to 2026-11-27 (this team)" in listing
    assert "#3" not in listing


async def test_a_us_english_team_may_write_month_first_and_is_told_how_it_was_read(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAM + "\n/plc calendar off 11/26/2026..11/27/2026 Thanksgiving\n"
        "/plc calendar off 11/01/2026 Fall back\n",
    )
    assert (
        "Thanksgiving: Thu 26 Nov 2026 to Fri 27 Nov 2026 "
        "(read “11/26/2026..11/27/2026” as month/day/year)" in transcript
    )
    assert "Fall back: Sun 01 Nov 2026 (read “11/01/2026” as month/day/year)" in transcript


async def test_a_team_outside_the_us_is_asked_for_year_month_day_instead_of_a_slashed_date(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create "Year 5 Maths" Europe/London
/plc calendar off 11/01/2026 Half term
/plc calendar list
""",
    )
    assert "“11/01/2026” could be read month first or day first" in transcript
    assert "write the days as year-month-day, like 2026-11-01" in transcript
    assert "None. Add one with" in transcript


async def test_schedule_test_posts_the_nudge_now_marked_as_a_test_and_keeps_the_next_time(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/as fay
/plc schedule add norms_reminder "fri 15:30"
/plc schedule test 1
/plc schedule list
""",
    )
    test = transcript.split("> /plc schedule test 1", 1)[1]
    assert "#grade4 · plcbot" in test  # posted in the team's channel
    assert "Test of schedule #1 (norms_reminder), posted now on request." in test
    assert "Our working norms" in test
    assert "Posted a test of schedule #1 (norms_reminder) in this channel." in test
    assert "next Fri 18 Sep 15:30" in test.split("/plc schedule list", 1)[1]


async def test_a_reminder_schedule_test_goes_only_to_the_person_testing(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """
/as fay
/plc prompt send
/plc schedule add nonresponder_reminder "daily 16:00" after 48h
/plc schedule test 1
""",
    )
    test = transcript.split("> /plc schedule test 1", 1)[1]
    assert "DM to @fay" in test and "Test of schedule #1 (nonresponder_reminder)" in test
    assert "DM to @ana" not in test and "#grade4 · plcbot" not in test


async def test_wait_moves_the_clock_through_the_scheduler_so_scheduled_posts_appear(
    tmp_path: Path,
) -> None:
    transcript = await play_with_scheduler(
        tmp_path,
        TEAM
        + """
/plc schedule add norms_reminder "mon 11:00"
/wait 30
/wait 45
""",
    )  # START is Monday 14 September, 10:00 in Chicago
    first, second = transcript.split("> /wait ")[1:]
    assert "Our working norms" not in first
    assert "(45 minutes pass)" in second and "#grade4 · plcbot" in second
    assert "Our working norms" in second
