"""A session's agenda, roles, decisions and minutes in the console, end to end over SQLite:
planned before the session, shown on its card, decided in it, posted and kept when it closes,
and never with anyone's private or facilitators-only reflection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.console.test_console_e2e import play

MEETING = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/as fay
/plc cycle
/as ana
/plc role grant @fay facilitator
/as fay
/plc goal set what: place fractions on a number line measure: exit ticket target: 80%
/plc agenda add 10 Check-in and norms
/plc agenda add 30 Look at the exit tickets
/plc agenda
abc
Plan next week
15
Plan next week
/plc session role note-taker @jon
/plc session role timekeeper @maria
/plc session open Fractions
/as jon
/plc here
/plc decision We give the exit ticket every Friday
/plc reflect --private Jon's secret doubts
/plc reflect --facilitators Jon's worry for the facilitators
/as maria
/plc checkin 4 ready
/plc decision Maria's idea
/plc action add @maria share the rubric by 2026-12-16
/as fay
/wait 90
/plc session close
"""


def _minutes(transcript: str) -> str:
    start = transcript.index("== Minutes: Fractions — Grade 4 Math ==")
    return transcript[start : transcript.index("(Kept with the team's records", start)]


async def test_the_agenda_and_roles_set_before_the_session_are_on_its_card(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, MEETING)
    assert "Give the minutes as a number, like 15." in transcript  # the form's field, again
    card = transcript[transcript.index("== Session open: Fractions ==") :]
    card = card[: card.index("only @fay sees this")]
    assert "Roles: Note taker: @jon · Timekeeper: @maria" in card
    assert "Agenda (55 min)" in card
    assert "1. 10 min — Check-in and norms" in card and "3. 15 min — Plan next week" in card


async def test_closing_the_session_posts_minutes_without_any_reflection(tmp_path: Path) -> None:
    transcript = await play(tmp_path, MEETING)
    assert "Only a facilitator or this session's note-taker" in transcript  # maria's decision
    minutes = _minutes(transcript)
    assert "Mon 14 Sep 2026, 10:00–11:30 (America/Chicago) · cycle 1" in minutes
    assert "Attendance (2): @jon, @maria" in minutes
    assert "• 30 min — Look at the exit tickets" in minutes
    assert "• We give the exit ticket every Friday" in minutes
    assert "Maria's idea" not in minutes
    assert "#1 @maria — share the rubric · due Wed 16 Dec" in minutes
    assert "Measure: exit ticket" in minutes and "Still missing: no by when yet." in minutes
    assert "secret" not in minutes and "worry" not in minutes
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        (kept,) = db.execute("SELECT cycle, goal FROM session_minutes").fetchall()
        assert kept[0] == 1 and "exit ticket" in kept[1]


async def test_the_minutes_are_shown_again_by_day_and_the_next_agenda_starts_empty(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path, MEETING + "/plc minutes 2026-09-14\n/plc minutes 2026-09-15\n/plc agenda list\n"
    )
    again = transcript[transcript.index("@fay in #grade4> /plc minutes 2026-09-14") :]
    assert "• We give the exit ticket every Friday" in again
    assert "No minutes were kept on 2026-09-15" in again
    assert "== Agenda of the next session ==\n  Nothing planned yet." in again


async def test_the_notes_of_a_protocol_run_in_the_session_are_in_its_minutes(
    tmp_path: Path,
) -> None:
    run = MEETING.replace(
        "/as fay\n/wait 90\n/plc session close\n",
        "/as fay\n/plc protocol start notice and wonder\n/as jon\n"
        "/plc protocol note most errors on fractions above one\n"
        "/as fay\n/plc protocol stop\n/wait 90\n/plc session close\n",
    )
    assert run != MEETING
    minutes = _minutes(await play(tmp_path, run))
    assert "Protocol notes" in minutes
    assert "Notice and wonder — " in minutes
    assert "most errors on fractions above one" in minutes
    assert "secret" not in minutes and "worry" not in minutes


async def test_an_item_added_while_the_session_is_open_is_shown_on_its_card(
    tmp_path: Path,
) -> None:
    script = MEETING.replace(
        "/as jon\n/plc here\n", "/plc agenda add 5 Celebrate a win\n/as jon\n/plc here\n", 1
    )
    transcript = await play(tmp_path, script)
    assert "Added item 4 to this session's agenda: 5 min — Celebrate a win." in transcript
    updated = transcript[transcript.index("(updated; what changed:)") :]
    assert "Agenda (60 min)" in updated.split("only @fay sees this")[0]
    assert "• 5 min — Celebrate a win" in _minutes(transcript)
