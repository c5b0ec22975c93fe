"""The team's work in the console, end to end over SQLite: the goal as a guided prompt, the
record shown stage by stage, action items on the session card, the cycle's summary posted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.console.test_console_e2e import play

TEAM = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/as fay
/plc cycle
/as ana
/plc role grant @fay facilitator
/as fay
"""

CYCLE = (
    TEAM
    + """/plc need set Half of grade 4 cannot place 3/4 on a number line. evidence: fall screener
/plc stage next
/plc goal
place fractions on a number line

80% of students
2026-12-18
/plc goal set measure: unit exit ticket
/plc design add Number-line talks
/as jon
/plc commit Two number-line talks a week
/plc evidence 40 halves shaky
/plc reflect --private Jon's own doubts, for no one else
/plc action add @maria share the rubric by 2026-09-16
/as fay
/plc session open Fractions
"""
)


async def test_the_goal_is_asked_for_field_by_field_and_says_what_is_missing(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, CYCLE)
    assert "[form] The team's goal" in transcript
    assert "Measure (up to 1,000 characters):" in transcript
    assert "Still missing: no measure yet." in transcript
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        goals = db.execute("SELECT detail FROM cycle_entries WHERE kind = 'goal' ORDER BY id")
        assert [g for (g,) in goals][-1] == (
            '["place fractions on a number line", "unit exit ticket", "80% of students", '
            '"2026-12-18"]'
        )


async def test_moving_on_shows_what_the_stage_produced_and_the_card_lists_open_items(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, CYCLE)
    review = transcript.index("== What Analyze student data produced ==")
    assert "Student learning need: Half of grade 4" in transcript[review : review + 200]
    card = transcript[transcript.rindex("== Session open: Fractions ==") :]
    assert "Open action items" in card and "@maria — share the rubric · due Wed 16 Sep" in card
    assert "Add action item" in card


async def test_closing_the_cycle_posts_a_summary_without_any_reflection(tmp_path: Path) -> None:
    transcript = await play(tmp_path, CYCLE + "/plc cycle close\n")
    summary = transcript[transcript.index("== Grade 4 Math: cycle 1 summary ==") :]
    summary = summary[: summary.index("Cycle 2 begins")]
    assert "@jon — Two number-line talks a week" in summary
    assert "40% (one week so far)" in summary and "Target: 80% of students" in summary
    assert "doubts" not in transcript.replace("/plc reflect --private Jon's own doubts", "")


async def test_an_action_item_is_closed_from_the_list_s_button(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path, CYCLE + "/plc action list\n/click Done #1\n/plc action list\n"
    )
    assert "Marked action item #1 done: share the rubric" in transcript
    assert transcript.rstrip().endswith(
        "No open action items. Add one with /plc action add @owner <what> by <date>."
    )
