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
