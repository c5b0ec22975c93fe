"""Attendance and PD hours in the console over real SQLite storage."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console_e2e import play


async def test_here_a_facilitator_s_marks_and_sign_off_make_the_pd_hours_log(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create Science
/plc session open Cells
/as bo
/plc here
/as ana
/plc attend @cy
/wait 75
/plc session close
/plc attend confirm
/as bo
/plc me pdhours
""",
    )
    turns = [turn.split("\n", 1) for turn in transcript.split("in #grade4> ")[1:]]
    said = {line: after for line, after in turns}
    assert "Marked you present at Cells" in said["/plc here"]
    assert "Here" in transcript.split("/plc session open Cells")[1]  # the card's button
    assert "Marked present at Cells" in said["/plc attend @cy"] and "@cy" in said["/plc attend @cy"]
    assert "Sign off attendance" in said["/plc session close"]
    assert "2 newly confirmed" in said["/plc attend confirm"]
    log = said["/plc me pdhours"]
    assert "1 h 15 min in 1 session (1 h 15 min signed off)" in log
    assert "America/Chicago" in log and "Cells" in log and "signed off by @ana" in log
