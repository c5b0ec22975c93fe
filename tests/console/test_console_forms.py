"""The reflection form in the console, end to end over SQLite: what a typed answer means, how a
form is left, and where a thread reply's words go."""

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
/plc prompt send
/as jon
"""


def saved(tmp_path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        rows = db.execute("SELECT user_id, text, visibility FROM reflections ORDER BY id")
        return [tuple(r) for r in rows]


async def test_an_unknown_visibility_answer_is_refused_and_asked_again(tmp_path: Path) -> None:
    transcript = await play(tmp_path, TEAM + "/plc reflect\nThey guessed.\neveryone\n2\n")
    assert "“everyone” is not one of the choices" in transcript
    assert transcript.count("Who can read it: [1]") == 2
    assert saved(tmp_path) == [("jon", "They guessed.", "private")]


async def test_a_form_can_be_cancelled_and_saves_nothing(tmp_path: Path) -> None:
    transcript = await play(tmp_path, TEAM + "/plc reflect\nHalf a thought\n/cancel\n/plc norms\n")
    assert "(form cancelled; nothing was saved)" in transcript
    assert "Working norms" in transcript  # the console is itself again
    assert saved(tmp_path) == []


async def test_console_commands_typed_mid_form_are_not_saved_as_the_reflection(
    tmp_path: Path,
) -> None:
    script = TEAM + "/plc reflect\n/as lee\nMy own words.\n/quit\n"
    transcript = await play(tmp_path, script)
    assert "/as was not saved" in transcript
    assert "(form cancelled; nothing was saved)" in transcript
    assert saved(tmp_path) == []
    await play(tmp_path, "/as jon\n/plc reflect\nMy own words.\n\n/plc norms")
    assert saved(tmp_path) == [("jon", "My own words.", "facilitators")]


async def test_reflect_private_without_text_preselects_only_me_over_the_last_answer(
    tmp_path: Path,
) -> None:
    script = (
        TEAM + "/plc reflect --team First thoughts.\n/plc reflect --private\nSecond.\n\n/plc norms"
    )
    transcript = await play(tmp_path, script)
    assert "(Enter: Only me)" in transcript
    assert saved(tmp_path) == [("jon", "Second.", "private")]


async def test_a_reply_in_a_prompts_thread_is_saved_and_confirmed_as_the_teams(
    tmp_path: Path,
) -> None:
    first = await play(tmp_path, TEAM)
    lines = first.splitlines()
    heading = lines.index("  == Reflection prompt ==")
    prompt_id = lines[heading - 1].split(" · ")[-1]  # "#grade4 · plcbot · m3"
    transcript = await play(tmp_path, f"/as jon\n/reply {prompt_id} Out loud, for everyone.\n")
    assert "Who can read it: the whole team" in transcript
    assert saved(tmp_path) == [("jon", "Out loud, for everyone.", "team")]


async def test_a_field_the_core_refuses_is_asked_for_again_and_the_form_goes_on(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, TEAM + "/plc reflect\n\n\nSecond try.\n\n/plc norms")
    refused = transcript.index("The reflection was empty, so nothing was saved.")
    assert "Your reflection (up to 4,000 characters):" in transcript[refused:]
    assert saved(tmp_path) == [("jon", "Second try.", "facilitators")]
