"""The whole demo in a pseudo-language that marks every string the catalog translates
(`[!! … !!]`): what is left unmarked in every reply, card, post, DM, button and form of the
walk-through is what people typed, the prompt library's own text (a language's TOML), names,
numbers and dates. Any English sentence of the bot's own that escaped the catalog shows here."""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import prompts
from adapters.console import Console
from adapters.console.demo import walkthrough
from bot.clock import FixedClock
from bot.config import Config
from bot.i18n import register, unregister
from bot.library import Libraries
from bot.library_loader import load_library
from plcbot.app import build_bot, open_storage
from tests.harness import START
from tests.unit.test_i18n_basics import _Marked

PROMPTS = Path(prompts.__file__).parent
INNERMOST = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.DOTALL)
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# The console's own frame around what the bot says: who sees a message, the echo of what a
# person typed, message ids; and English date names (a pseudo-language has no calendar).
FRAME = {"only", "sees", "this", "DM", "to", "thread", "in", "edited", "files", "attached"}
CALENDAR = {
    *("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    *("January", "February", "March", "April", "June", "July", "August", "September"),
    *("October", "November", "December", "AM", "PM"),
}


@pytest.fixture
def marked() -> Iterator[str]:
    register("xx", _Marked())
    yield "xx"
    unregister("xx")


def _library_words() -> set[str]:
    """Every word of the English prompt library (the pseudo-language's library is a copy)."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            words.update(WORD.findall(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                words.update(WORD.findall(str(key)))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (PROMPTS / "en").rglob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return words


def _script(today_script: str) -> str:
    """The English walk-through, with the two buttons clicked by label clicked by number (their
    labels are marked in the pseudo-language, like the Spanish script does)."""
    lines = []
    for line in today_script.splitlines():
        lines.append({"/click Next step": "/click 1", "Yes": "6"}.get(line, line))
    return "\n".join(lines)


async def _play(tmp_path: Path, language: str) -> str:
    out = io.StringIO()
    clock = FixedClock(START)
    english = load_library(PROMPTS / "en", "en")
    libraries = Libraries({"en": english, language: english}, default=language)
    console = Console(
        out,
        advance=lambda m: clock.advance(minutes=m),
        export_dir=tmp_path / "exports",
        language=language,
    )
    config = Config(default_timezone="America/Chicago", default_language=language)
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}") as storage:
        console.attach(
            build_bot(config, uow=storage.uow, chat=console.chat, clock=clock, libraries=libraries)
        )
        for line in _script(walkthrough(START.date())).splitlines():
            if not line.startswith("#"):
                await console.handle(line, echo=True)
    return out.getvalue()


def _unmarked(transcript: str, typed: str) -> list[str]:
    allowed = _library_words() | set(WORD.findall(typed)) | FRAME | CALENDAR
    left = []
    for line in transcript.splitlines():
        if line.startswith("> "):  # the echo of what someone typed
            continue
        rest = line
        while INNERMOST.search(rest):
            rest = INNERMOST.sub(" ", rest)
        rest = re.sub(r"@\w+|#[\w-]+|https?://\S+|\S+\.(?:zip|csv|json|html|txt)\b", " ", rest)
        left += [f"{w!r} in {line.strip()!r}" for w in WORD.findall(rest) if w not in allowed]
    return left


async def test_the_whole_demo_says_nothing_in_english_of_its_own(
    tmp_path: Path, marked: str
) -> None:
    script = _script(walkthrough(START.date()))
    transcript = await _play(tmp_path, marked)
    assert "[!! " in transcript
    left = _unmarked(transcript, script)
    assert left == [], "\n".join(left[:40])
