"""The use cases speak only through the catalog: with a pseudo-language that marks every
translated string, a teacher's and a facilitator's everyday replies, and the posts and card
updates in a team's channel, carry no English sentence of their own outside the marks. What is
left unmarked is a person's words, names, numbers, commands and the prompt library's own texts
(which come per language from prompts/<lang>/)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.i18n import register, speaking, unregister
from bot.service import PlcBot
from bot.usecases.context import Settings
from tests.harness import LIBRARIES, Harness
from tests.unit.test_i18n_basics import _Marked

USECASES = Path(__file__).resolve().parents[2] / "bot" / "usecases"
MARK = re.compile(r"\[!! (?:(?!\[!! |!! ?\]).)*?!!\]", re.DOTALL)
# four words or more in a row: a sentence, not a command's name or a lone label
ENGLISH = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,;:]+[a-z][a-z']+){3,}")


@pytest.fixture
def marked() -> Iterator[str]:
    register("xx", _Marked())
    yield "xx"
    unregister("xx")


def unmarked(said: str) -> str:
    """What is left of `said` once every marked (translated) piece is taken out, innermost first."""
    while True:
        shorter = MARK.sub(" ", said)
        if shorter == said:
            return said
        said = shorter


def library_words() -> list[str]:
    """The English prompt library's texts: said per language from its own files, not the
    catalog. Longest first, so a text is taken out whole before any text inside it."""
    lib = LIBRARIES.get("en")
    words = {p.text for p in lib.closing_prompts}
    words |= {p.text for group in lib.prompts.values() for p in group}
    words |= set(lib.default_norms)
    words |= {lib.checkin.question, lib.checkin.word_hint, lib.pulse.relevant_question}
    words |= {lib.pulse.recommend_question}
    words |= {s.label for s in (*lib.checkin.scale, *lib.pulse.relevant_scale)}
    for stage in lib.stages.values():
        words |= {stage.name, stage.purpose, stage.introduction, *stage.nudges}
    for protocol in lib.protocols.values():
        words |= {protocol.name, protocol.purpose, *(s.name for s in protocol.steps)}
        words |= {s.prompt for s in protocol.steps}
    return sorted(words, key=len, reverse=True)


def source_texts() -> list[str]:
    """Every string written in the use cases (docstrings aside): where an escaped sentence of
    theirs would come from. The words of the modules they call (cards, the grammar) are those
    modules' to wrap."""
    found = []
    for path in sorted(USECASES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
        ]
    return found


# what people typed: their words are theirs, never translated
PEOPLES_WORDS = [
    "Grade 4 Math",
    "Start on time",
    "Listen first",
    "Warm up",
    "Fractions on a number line",
    "Fractions",
    "Try exit tickets",
    "Share the rubric",
    "Kids loved the fraction strips",
    "Winter break",
]
SCRIPT = [
    ("ana", '/plc team create "Grade 4 Math" America/Chicago'),
    ("fay", "/plc checkin"),
    ("ana", "/plc role grant @fay facilitator"),
    ("fay", "/plc norms"),
    ("fay", "/plc norms add Start on time"),
    ("fay", "/plc norms edit 1 Listen first"),
    ("fay", "/plc norms move 1 2"),
    ("fay", "/plc agenda add 10 Warm up"),
    ("fay", "/plc session open Fractions"),
    ("uma", "/plc checkin 4 curious"),
    ("uma", "/plc here"),
    ("fay", "/plc attend @uma"),
    ("fay", "/plc decision Try exit tickets"),
    ("fay", "/plc action add @uma Share the rubric by 2026-09-30"),
    ("fay", "/plc action list"),
    ("fay", "/plc prompt list"),
    ("fay", "/plc prompt send"),
    ("uma", "/plc reflect --team Kids loved the fraction strips"),
    ("uma", "/plc me reflections"),
    ("uma", "/plc me streak"),
    ("uma", "/plc me reminders off"),
    ("fay", "/plc session close"),
    ("fay", "/plc attend confirm"),
    ("uma", "/plc me pdhours"),
    ("ana", "/plc calendar off 2026-12-21..2027-01-01 Winter break"),
    ("ana", "/plc calendar list"),
    ("fay", '/plc schedule add stage_nudge "mon 15:30"'),
    ("fay", "/plc schedule list"),
    ("fay", "/plc cycle"),
    ("fay", "/plc need set Fractions on a number line"),
    ("fay", "/plc stage next"),
    ("fay", "/plc report"),
    ("ana", "/plc team list"),
    ("ana", "/plc role list"),
    ("uma", "/plc credential list"),
    ("fay", "/plc protocol list"),
    ("uma", "/plc me forget"),
]


async def test_replies_and_channel_posts_carry_no_english_of_their_own(marked: str) -> None:
    h = Harness()
    h.bot = PlcBot(  # a team founded here speaks the pseudo-language in its channel
        uow=h.store.uow,
        chat=h.chat,
        libraries=LIBRARIES,
        clock=h.clock,
        settings=Settings(
            default_timezone="America/Chicago", default_language=marked, throttled=False
        ),
    )
    said: list[tuple[str, str]] = []
    with speaking(marked):  # the actor's language (the door sets it from the person's choice)
        for user, line in SCRIPT:
            out = await h.say(user, line)
            if out.reply is not None:
                said.append((line, out.reply.plain_text()))
    said += [(f"post to {s.where}", s.text) for s in h.chat.sent]
    known = [*library_words(), *PEOPLES_WORDS]
    ours = source_texts()
    leaks = []
    for where, text in said:
        rest = unmarked(text)
        for piece in known:
            rest = rest.replace(piece, " ")
        found = [
            w
            for w in ENGLISH.findall(rest)
            if not w.startswith("plc ") and any(w in t for t in ours)
        ]
        if found:
            leaks.append((where, found, text))
    assert leaks == [], "\n".join(f"{w}: {f}" for w, f, _t in leaks)
