"""A person's own language in the console, end to end over real SQLite (issue 16): after
`/plc me language es` their replies are in Spanish; the team's channel and their teammates keep
English; `auto` brings back the team's language."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console_e2e import play, seen_by
from tests.spanish import spanish

SCRIPT = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/plc me language es
/plc schedule add stage_nudge "lun 3:30"
/plc schedule add norms_reminder "lun,mié 15:30"
/as bo
/plc me language klingon
/as ana
/plc me language auto
/plc schedule add stage_nudge "mon 3:30"
"""


async def test_a_person_who_chose_spanish_is_answered_in_spanish_and_the_team_is_not(
    tmp_path: Path,
) -> None:
    with spanish("lang"):
        transcript = await play(tmp_path, SCRIPT)
    ana = seen_by(transcript, "ana")
    assert "De ahora en adelante te hablo en español." in ana
    assert "¿3:30 de la mañana o de la tarde? Escribe “lun 3:30am” o “lun 3:30pm”" in ana
    assert "norms_reminder · lun,mié 15:30 America/Chicago" in transcript
    assert "I don't speak “klingon” yet. Choose one of en, es, or auto." in transcript
    assert "Back to automatic" in ana and "For now that is English." in ana
    assert "3:30 in the morning or the afternoon? Write “mon 3:30am”" in ana
