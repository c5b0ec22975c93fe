"""A team in Spanish gets the Spanish prompt library, end to end through the console over
SQLite: `/plc team set language es` is accepted (the refusal of an unknown language lists the
libraries there are), and the session card's check-in, the closing prompt, the pulse and the
stage texts come from prompts/es. The bot's own sentences around them are translated by the
UI catalogs (prompts/es/plcbot.po), which this test does not depend on."""

from __future__ import annotations

import io
from pathlib import Path

import prompts
from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from bot.domain import CycleStage
from bot.library_loader import load_library
from plcbot.app import build_bot, open_storage
from tests.harness import START

SPANISH = load_library(Path(prompts.__file__).parent / "es", "es")
ENGLISH = load_library(Path(prompts.__file__).parent / "en", "en")


async def play(tmp_path: Path, script: str, config: Config) -> str:
    out = io.StringIO()
    clock = FixedClock(START)
    console = Console(out, advance=lambda m: clock.advance(minutes=m))
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}") as storage:
        console.attach(build_bot(config, uow=storage.uow, chat=console.chat, clock=clock))
        for line in script.strip().splitlines():
            await console.handle(line, echo=True)
    return out.getvalue()


async def test_a_team_set_to_spanish_opens_its_session_with_the_spanish_check_in(
    tmp_path: Path,
) -> None:
    said = await play(
        tmp_path,
        """
/plc team create "Matemáticas 4" America/Chicago
/plc team set language xx
/plc team set language es
/plc session open Fracciones en la recta numérica
/as maria
1
/wait 60
/as ana
/plc session close
""",
        Config(default_timezone="America/Chicago"),
    )
    refused, rest = said.split("/plc team set language es", 1)
    assert "Available: en, es" in refused
    opened, closed = rest.split("/plc session close", 1)
    assert SPANISH.checkin.question in opened and ENGLISH.checkin.question not in opened
    for point in SPANISH.checkin.scale:
        assert point.label in opened
    assert f"(@maria clicks “{SPANISH.checkin.scale[0].label}”)" in opened
    assert SPANISH.default_norms[0] in opened and ENGLISH.default_norms[0] not in opened
    assert SPANISH.stage(CycleStage.ANALYZE).name in opened
    assert SPANISH.closing_prompts[0].text in closed
    assert SPANISH.pulse.relevant_question in closed
    assert SPANISH.pulse.relevant_scale[4].label in closed
    assert ENGLISH.pulse.relevant_question not in closed


async def test_a_community_whose_default_is_spanish_founds_its_teams_in_spanish(
    tmp_path: Path,
) -> None:
    said = await play(
        tmp_path,
        '/plc team create "Matemáticas 4" America/Chicago\n/plc session open Fracciones\n',
        Config(default_timezone="America/Chicago", default_language="es"),
    )
    analyze = SPANISH.stage(CycleStage.ANALYZE)
    assert analyze.name in said and analyze.protocol.name in said
    assert analyze.introduction.format(team="Matemáticas 4", stage=analyze.name, cycle=1) in said
    assert SPANISH.checkin.question in said and ENGLISH.checkin.question not in said
