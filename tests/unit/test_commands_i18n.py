"""The grammar's help, usage lines and the door's refusals are said in the reader's language:
under a pseudo-language that marks every string it translates, replies made through the real
door come out wholly marked (no English sentence of the grammar escaped the catalog), and in
every shipped language each command's example still reads as that command."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.commands.grammar import COMMANDS, GROUPS, SAME_COMMAND, parse
from bot.i18n import languages, register, speaking, unregister
from bot.messages import Bullets, Code, Context, Heading, Inline, Mention, Message, Paragraph
from bot.outcome import Outcome
from bot.service import PlcBot
from bot.usecases.context import Settings
from bot.usecases.help import example_line
from tests.harness import LIBRARIES, Harness
from tests.unit.test_i18n_basics import _Marked

MARKED = "xx"
_INNERMOST = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.DOTALL)


@pytest.fixture
def h() -> Iterator[Harness]:
    """A bot whose community speaks the pseudo-language (so the door, whichever rung of the
    language ladder it reads, speaks it too)."""
    register(MARKED, _Marked())
    harness = Harness()
    harness.bot = PlcBot(
        uow=harness.store.uow,
        chat=harness.chat,
        libraries=LIBRARIES,
        clock=harness.clock,
        settings=Settings(default_timezone="America/Chicago", default_language=MARKED),
    )
    with speaking(MARKED):
        yield harness
    unregister(MARKED)


def _lines(message: Message) -> list[str]:
    """Each block's words as a person reads them; a command (Code) or a mention is §."""

    def words(parts: tuple[Inline, ...]) -> str:
        return "".join("§" if isinstance(p, Code | Mention) else p.text for p in parts)

    found: list[str] = []
    for block in message.blocks:
        if isinstance(block, Heading):
            found.append(block.text)
        elif isinstance(block, Paragraph | Context):
            found.append(words(block.parts))
        elif isinstance(block, Bullets):
            found += [words(item) for item in block.items]
    return found


def unmarked(outcome: Outcome, *allowed: str) -> list[str]:
    """What is left of a reply once every marked (translated) span is taken out: only
    punctuation, commands, mentions and the `allowed` words (a person's own, a command name)."""
    assert outcome.reply is not None
    left = []
    for line in _lines(outcome.reply):
        while (shorter := _INNERMOST.sub("", line)) != line:
            line = shorter
        for word in allowed:
            line = line.replace(word, "")
        if line.startswith("/plc "):  # a group's heading is its command
            continue
        if re.search(r"[A-Za-z]{2,}", line):
            left.append(line)
    return left


async def test_help_usage_and_refusals_are_wholly_translated(h: Harness) -> None:
    await h.team_with_facilitator()
    names = sorted(GROUPS, key=len, reverse=True)
    cases: list[tuple[Outcome, tuple[str, ...]]] = [
        (await h.say("ana", "/plc help"), ()),
        (await h.say("ana", "/plc help schedule add"), ("stage_nudge", "nonresponder_reminder")),
        (await h.say("ana", "/plc help norms"), ()),
        (await h.say("ana", "/plc help zzz"), ("zzz", *names)),
        (await h.say("ana", "/plc checkin 9"), ()),
        (await h.say("ana", "/plc reflect --bogus hi"), ("--bogus",)),
        (await h.say("ana", "/plc prompt list nowhere"), ("nowhere",)),
        (await h.say("ana", "/plc sesion open"), ("sesion", "open")),
        (await h.say("ana", "/plc team"), ()),
        (await h.say("ana", "/plc norms remove 99"), ()),
        (await h.say("ana", "/plc calendar off soon"), ("soon",)),
        (await h.say("ana", "/plc role grant @fay teacher"), ("teacher",)),
        (await h.say("ana", "/plc schedule add dance daily"), ("dance",)),
        (await h.say("fay", "/plc team rename X"), ()),
        (await h.say("bo", "/plc session open"), ()),
        (await h.say("bo", "/plc checkin", channel="C9"), ()),
        (await h.click("ana", "plc:nothing-here"), ()),
    ]
    for outcome, allowed in cases:
        assert unmarked(outcome, *allowed) == [], outcome.reply
    help_text = cases[0][0]
    assert help_text.reply is not None and "[!! Open a session" in help_text.reply.plain_text()


@pytest.mark.parametrize("language", languages())
def test_every_example_reads_as_its_command_in_every_language(language: str) -> None:
    with speaking(language):
        for spec in COMMANDS:
            said, intent = parse(example_line(spec))
            kind = SAME_COMMAND.get(type(intent), type(intent))
            assert (said.path, kind) == (spec.path, spec.intent), (language, example_line(spec))
