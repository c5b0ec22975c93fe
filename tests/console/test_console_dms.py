"""DMs in the console, end to end over SQLite with the real schedule runner: a teacher in two
teams gets both teams' reminder DMs; a reply answers the prompt it replies to, and a plain DM
asks which team (issue 11, item 5)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from bot.scheduling.runner import ScheduleRunner
from plcbot.app import build_bot, open_storage
from tests.harness import LIBRARIES, START

TWO_TEAMS = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/plc schedule add nonresponder_reminder "daily 17:00" UTC after 1h
/in science
/plc team create "Science" America/Chicago
/plc schedule add nonresponder_reminder "daily 17:00" UTC after 1h
/as jon
/plc checkin 3
/in grade4
/plc checkin 3
/as ana
/plc prompt send
/in science
/plc prompt send
"""


async def two_reminders_then(tmp_path: Path, script: str) -> str:
    """jon teaches in #grade4 and #science; each team's reminder DMs him its prompt (Grade 4
    Math's first); then `script` runs."""
    out = io.StringIO()
    clock = FixedClock(START)
    console = Console(out, advance=lambda m: clock.advance(minutes=m))
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}") as storage:
        bot = build_bot(Config(), uow=storage.uow, chat=console.chat, clock=clock)
        console.attach(bot)
        for line in TWO_TEAMS.strip().splitlines():
            await console.handle(line, echo=True)
        clock.advance(hours=2, seconds=30)
        runner = ScheduleRunner(
            uow=storage.uow, chat=console.chat, libraries=LIBRARIES, clock=clock
        )
        await runner.tick()
        assert len(console.chat.dms) == 2, out.getvalue()
        math_dm = min(console.chat.dms, key=lambda m: int(m[1:]))
        for line in script.format(math_dm=math_dm).strip().splitlines():
            await console.handle(line, echo=True)
    return out.getvalue()


def saved(tmp_path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        rows = db.execute(
            "SELECT t.name, r.text FROM reflections r JOIN teams t ON t.id = r.team_id"
        )
        return [tuple(r) for r in rows]


async def test_a_console_dm_reply_to_one_teams_reminder_is_saved_for_that_team(
    tmp_path: Path,
) -> None:
    transcript = await two_reminders_then(tmp_path, "/as jon\n/reply {math_dm} Fractions first.")
    assert "For Grade 4 Math" in transcript
    assert saved(tmp_path) == [("Grade 4 Math", "Fractions first.")]


async def test_a_plain_console_dm_two_teams_could_be_meant_asks_which_and_saves_nothing(
    tmp_path: Path,
) -> None:
    transcript = await two_reminders_then(tmp_path, "/as jon\n/dm Where does this go?")
    assert "Which team is this for?" in transcript
    assert "] Grade 4 Math · demo-school" in transcript and "] Science · demo-school" in transcript
    assert saved(tmp_path) == []
