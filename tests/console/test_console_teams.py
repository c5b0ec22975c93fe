"""Teams in the console, end to end over real SQLite (issue 18): a new team's time zone, and
the team and role commands an admin needs."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console_e2e import play


async def test_a_team_created_without_a_zone_asks_for_it_and_the_answer_is_saved(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create "Grade 4 Math"
Choose the time zone
5

/plc schedule add stage_nudge "mon 15:30"
""",
    )
    assert "Which time zone does the team meet in?" in transcript
    assert "until you choose, it is America/Chicago, this community's default" in transcript
    assert "[form] Team time zone" in transcript and "[5] US Pacific (Los Angeles)" in transcript
    assert "Grade 4 Math's time zone is now America/Los_Angeles." in transcript
    assert "stage_nudge · mon 15:30 America/Los_Angeles" in transcript


async def test_a_typed_zone_is_checked_and_asked_again_with_the_closest_names(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create "Grade 4 Math"
Choose the time zone
1
Boise
America/Boise
""",
    )
    assert "“Boise” is not a time zone I know" in transcript
    assert "Did you mean America/Boise?" in transcript
    assert "Grade 4 Math's time zone is now America/Boise." in transcript


async def test_a_team_created_with_a_zone_is_not_asked_for_one(tmp_path: Path) -> None:
    transcript = await play(tmp_path, '/as ana\n/plc team create "Grade 4 Math" Europe/Berlin\n')
    assert "(time zone Europe/Berlin)" in transcript
    assert "Choose the time zone" not in transcript


TEAMS = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/as fay
/plc checkin
/as ana
/plc role grant @fay facilitator
/in grade5
/plc team create "Grade 5 Science" America/Denver
/in grade4
"""


async def test_an_admin_renames_a_team_and_its_channel_is_told(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path, TEAMS + '/plc team rename "Grade 4 Math PLC"\n/plc team list\n'
    )
    assert "Renamed Grade 4 Math to Grade 4 Math PLC." in transcript
    assert "This team is now called Grade 4 Math PLC (it was Grade 4 Math)." in transcript
    listing = transcript.rsplit("/plc team list", 1)[1]
    assert "Grade 4 Math PLC · America/Chicago · led by @ana, @fay" in listing


async def test_the_team_list_shows_every_team_with_its_zone_and_who_leads_it(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, TEAMS + "/in lounge\n/plc team list\n")
    listing = transcript.rsplit("/plc team list", 1)[1]
    assert "Teams of this community" in listing
    assert "Grade 4 Math · America/Chicago · led by @ana, @fay" in listing
    assert "Grade 5 Science · America/Denver · led by @ana" in listing


async def test_an_archived_team_gets_no_nudges_and_no_sessions_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAMS
        + """
/as maria
/plc checkin 4 curious
/as ana
/plc team archive
/plc team list
/as fay
/plc session open Fractions
/as ana
/plc team unarchive
/as fay
/plc session open Fractions
""",
    )
    assert "Archived Grade 4 Math. It gets no nudges and opens no sessions" in transcript
    assert "Grade 4 Math · America/Chicago · archived 14 Sep 2026" in transcript
    assert "Grade 4 Math is archived, so it opens no sessions." in transcript
    assert "Grade 4 Math is active again" in transcript
    assert transcript.count("Session opened.") == 1


async def test_the_role_list_names_the_admins_and_who_leads_each_team(tmp_path: Path) -> None:
    transcript = await play(tmp_path, TEAMS + "/as maria\n/plc role list\n")
    said = transcript.rsplit("/plc role list", 1)[1]
    assert "Admins: @ana" in said
    assert "Grade 4 Math · America/Chicago · led by @ana, @fay" in said
    assert "Grade 5 Science · America/Denver · led by @ana" in said


async def test_a_facilitator_edits_and_moves_a_norm_and_the_team_is_told(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAMS
        + """
/as fay
/plc norms edit 2 Stay present: phones away.
/plc norms move 5 1
/plc norms
/plc norms move 9 1
""",
    )
    assert "Norm 2 now reads: Stay present: phones away." in transcript
    assert "#grade4 · plcbot" in transcript
    assert "@fay changed Grade 4 Math's working norms: reworded norm 2." in transcript
    assert "@fay changed Grade 4 Math's working norms: moved norm 5 to place 1." in transcript
    norms = transcript.rsplit("> /plc norms\n", 1)[1]
    assert norms.index("1. Prepare for reflection") < norms.index("2. Maintain confidentiality")
    assert "3. Stay present: phones away." in norms
    assert "There is no norm 9; the team has 5." in transcript


async def test_changing_the_zone_says_which_schedules_keep_the_zone_they_were_added_in(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        TEAMS
        + """
/plc schedule add stage_nudge "mon 15:30"
/plc schedule add checkin "tue 09:00" Europe/Berlin
/plc team set tz America/New_York
""",
    )
    changed = transcript.rsplit("/plc team set tz", 1)[1]
    assert "The team's time zone is now America/New_York." in changed
    assert (
        "These schedules keep the time zone they were added in: #1 (America/Chicago), "
        "#2 (Europe/Berlin)." in changed
    )
