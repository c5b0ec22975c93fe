"""Prompts a team can see and add, in the console over real SQLite storage."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console_e2e import play


async def test_a_facilitator_adds_a_team_prompt_sends_it_by_number_and_retires_it(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create Science
/plc prompt add analyze Which student surprised you this week?
/as bo
/plc prompt list
/as ana
/plc prompt send 8
/as bo
/plc reflect --team Lee, with the graph.
/as ana
/plc prompt retire team-1
/as bo
/plc prompt list
""",
    )
    turns = [turn.split("\n", 1) for turn in transcript.split("in #grade4> ")[1:]]
    said = {line: after for line, after in turns}  # what followed each typed line
    added = said["/plc prompt add analyze Which student surprised you this week?"]
    listed, listed_after = (after for line, after in turns if line == "/plc prompt list")
    assert "Added prompt 8 of the analyze stage (team-1)" in added
    assert "8. team-1 Which student surprised you this week? (the team's own)" in listed
    shared = said["/plc reflect --team Lee, with the graph."]
    assert "(Prompt: Which student surprised you this week?)" in shared
    retired = said["/plc prompt retire team-1"]
    assert "Retired team-1 (“Which student" in retired and "Answers to it are kept" in retired
    assert "Which student surprised" not in listed_after
