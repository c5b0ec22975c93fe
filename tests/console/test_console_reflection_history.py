"""A teacher's reflections over time, in the console over real SQLite storage."""

from __future__ import annotations

import re
from pathlib import Path

from tests.console.test_console_e2e import play


async def test_a_teacher_reflects_twice_lists_her_reflections_and_edits_one(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create Science
/plc prompt send
/as bo
/plc reflect --team The lab ran long.
/wait 10080
/plc reflect A week later: shorter labs worked.
/plc me reflections
""",
    )
    turns = [turn.split("\n", 1) for turn in transcript.split("in #grade4> ")[1:]]
    said = {line: after for line, after in turns}
    again = said["/plc reflect A week later: shorter labs worked."]
    assert "Saved your reflection" in again and "new reflection" in again
    listed = said["/plc me reflections"]
    numbers = re.findall(r"#(\d+) · ", listed)
    assert len(numbers) == 2 and "America/Chicago" in listed
    edit = f"/plc reflect edit {numbers[0]} The lab ran long; we cut a step."
    edited = await play(tmp_path, f"/as bo\n{edit}")
    assert "Updated your reflection" in edited
    assert "> The lab ran long; we cut a step." in edited  # the channel's post, in place
