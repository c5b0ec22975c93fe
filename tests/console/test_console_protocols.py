"""Running a protocol in the console, end to end over SQLite: each step posted in turn with its
minutes and timer, the buttons of its card, notes from the command, the form and the step's
thread, and the notes kept for the session's minutes."""

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

# The step cards are m5 (step 1) and m6 (step 2): m1-m2 team, m3 the grant's DM, m4 the session.
RUN = (
    TEAM
    + """/plc session open Fractions
/plc protocol start notice and wonder
/click Next step
/as jon
/plc protocol note most errors on fractions above one
/reply m6 they compare numerators only
/as fay
/click Add 2 min
/click Skip
/click Add note
Halves were easy

/click Next step
/click Next step
/click Finish
"""
)


def rows(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        return list(db.execute(sql))


async def test_a_protocol_runs_step_by_step_and_its_notes_are_posted_at_the_end(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, RUN)
    first = transcript.index("== Notice and wonder · step 1 of 5: Look quietly ==")
    assert "About 3 min · until 10:03 (America/Chicago)" in transcript[first : first + 400]
    assert "[1] Next step  [2] Add 2 min  [3] Skip  [4] Add note" in transcript
    assert "== Notice and wonder · step 5 of 5: Next step ==" in transcript
    assert "[1] Finish" in transcript
    summary = transcript[transcript.index("== Notice and wonder: complete ==") :]
    assert "2. Notice (skipped)" in summary
    assert "@jon: most errors on fractions above one" in summary
    assert "@jon: they compare numerators only" in summary
    assert "@fay: Halves were easy" in summary
    assert "These notes are kept with the session's minutes." in summary


async def test_the_notes_are_stored_for_the_session_open_when_the_run_started(
    tmp_path: Path,
) -> None:
    await play(tmp_path, RUN)
    [(run_id, session_id, status)] = rows(
        tmp_path, "SELECT id, session_id, status FROM protocol_runs"
    )
    assert session_id == rows(tmp_path, "SELECT id FROM sessions")[0][0]
    assert status == "done"
    notes = rows(
        tmp_path,
        "SELECT s.position, n.user_id, n.text FROM protocol_notes n "
        "JOIN protocol_steps s ON s.id = n.step_id ORDER BY n.id",
    )
    assert notes == [
        (2, "jon", "most errors on fractions above one"),
        (2, "jon", "they compare numerators only"),
        (3, "fay", "Halves were easy"),
    ]
    steps = rows(tmp_path, "SELECT position, minutes, ended FROM protocol_steps ORDER BY position")
    assert steps == [
        (1, 3, "next"),
        (2, 10, "skipped"),
        (3, 8, "next"),
        (4, 6, "next"),
        (5, 5, "next"),
    ]
    assert run_id


async def test_add_2_min_moves_the_step_s_timer_and_redraws_its_card(tmp_path: Path) -> None:
    transcript = await play(tmp_path, RUN)
    assert "Added 2 minutes: this step now runs until 10:10." in transcript
    assert "#grade4 · plcbot · m6 (updated" in transcript
    assert "About 10 min · until 10:10 (America/Chicago)" in transcript


async def test_every_step_card_says_its_notes_are_the_team_s_meeting_notes(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, RUN)
    cards = transcript.count("== Notice and wonder · step ")
    warned = transcript.count("Notes here are the team's meeting notes: everyone in this channel")
    assert cards >= 5 and warned >= 5  # each card, and the note form


async def test_a_teacher_takes_notes_but_cannot_move_the_protocol_on(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """/plc protocol start tuning
/as jon
/click Next step
/plc protocol stop
/plc protocol note the rubric helped
""",
    )
    assert transcript.count("Only a facilitator of this team (or an admin) can use") == 2
    assert "Noted for step 1, Present the work." in transcript
    assert rows(tmp_path, "SELECT count(*) FROM protocol_steps") == [(1,)]


async def test_without_an_open_session_the_facilitator_is_told_the_notes_miss_the_minutes(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, TEAM + "/plc protocol start data-driven-dialogue\n")
    assert "No session is open, so these notes will not be in a session's minutes." in transcript
    assert rows(tmp_path, "SELECT session_id FROM protocol_runs") == [(None,)]


async def test_one_protocol_at_a_time_and_stop_keeps_the_notes(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        TEAM
        + """/plc protocol start consultancy
/plc protocol note the dilemma is homework
/plc protocol start tuning
/plc protocol stop
/plc protocol stop
/plc protocol start no-such-protocol
""",
    )
    assert "The team is already running Consultancy on a problem of practice." in transcript
    stopped = transcript[transcript.index("== Consultancy on a problem of practice: stopped ==") :]
    assert "@fay: the dilemma is homework" in stopped
    assert "The team is not running a protocol." in transcript
    assert "There is no protocol “no-such-protocol”." in transcript
    assert rows(tmp_path, "SELECT status FROM protocol_runs") == [("stopped",)]
