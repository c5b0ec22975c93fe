"""The console's own words (its prompts, hints, headers, help) go through the catalog: in a
pseudo-language that marks every translated string, none of them is left in plain English."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from bot.i18n import register, unregister
from plcbot.app import build_bot, open_storage
from tests.harness import START
from tests.unit.test_i18n_basics import _Marked

ROOT = Path(__file__).resolve().parents[2]
MARKED = re.compile(r"\[!! .*? !!\]", re.DOTALL)
SCRIPT = """\
/help
what now
/as ana
/in grade4
/plc team create "Grade 4 Math" America/Chicago
/plc prompt send
/as jon
/plc reflect
They guessed.
everyone
2
/as lee
/click Nowhere
/plc reflect
/as ana
/cancel
/wait soon
/wait 30
"""


@pytest.fixture
def marked() -> Iterator[str]:
    register("xx", _Marked())
    yield "xx"
    unregister("xx")


def console_sentences() -> list[str]:
    """The console's own msgids, each cut at its placeholders into the English it says."""
    found = extract_from_dir(
        ROOT / "adapters" / "console",
        [("**.py", "python")],
        keywords={"_": None, "N_": None, "ngettext": (1, 2)},
    )
    pieces = []
    for _file, _line, message, _comments, _context in found:
        for msgid in message if isinstance(message, tuple) else (message,):
            pieces += [p.strip() for p in re.split(r"\{\w+\}", msgid) if len(p.strip()) >= 8]
    return pieces


async def test_in_a_marked_language_no_sentence_of_the_console_escapes_the_catalog(
    tmp_path: Path, marked: str
) -> None:
    out = io.StringIO()
    clock = FixedClock(START)
    console = Console(out, language=marked, advance=lambda m: clock.advance(minutes=m))
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}") as storage:
        console.attach(build_bot(Config(), uow=storage.uow, chat=console.chat, clock=clock))
        for line in SCRIPT.splitlines():
            await console.handle(line, echo=True)
        transcript = out.getvalue() + console.greeting()

    # what the console said is there, marked
    for said in (
        "[!! (I didn't understand that.",
        "[!! (you are now @{user}) !!]".format(user="ana"),
        "[!! @ana in #grade4> ",
        "[!! only @ana sees this · plcbot !!]",
        "[!! (“everyone” is not one of the choices; nothing was saved yet.) !!]",
        "[!! (no such button on the latest message) !!]",
        "[!! (form cancelled; nothing was saved) !!]",
        "[!! (/wait takes minutes, like /wait 90) !!]",
        "[!! plcbot in your terminal",
        "[!! Lines it understands",
    ):
        assert said in transcript
    # and nothing of it unmarked
    unmarked = MARKED.sub("", transcript)
    escaped = [s for s in console_sentences() if s in unmarked]
    assert escaped == []
