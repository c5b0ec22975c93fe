"""How the work commands' text reads into intents (bot.commands.work_intents)."""

from __future__ import annotations

import re

from bot.commands import values
from bot.commands import work_intents as w
from bot.commands.arguments import parse_user
from bot.commands.spec import ParseError, Parser, Spec
from bot.commands.values import Invalid
from bot.commands.work_values import ITEM_NUMBER
from bot.i18n import _, fill
from bot.text import clean, one_line, whole_number

_GOAL_KEYS = re.compile(r"\b(what|measure|target|by)\s*:", re.IGNORECASE)
_EVIDENCE = re.compile(r"\bevidence\s*:", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+(\S+)\s*$", re.IGNORECASE)


def need_set(spec: Spec, rest: str) -> w.NeedSet:
    parts = _EVIDENCE.split(rest, maxsplit=1)
    evidence = clean(parts[1]) if len(parts) == 2 else ""
    return w.NeedSet(one_line(parts[0]), evidence)


def goal_set(spec: Spec, rest: str) -> w.GoalSet:
    pieces = _GOAL_KEYS.split(rest)
    if pieces[0].strip():
        raise ParseError(
            spec,
            *fill(
                _(
                    "Name each field with `what:`, `measure:`, `target:` or `by:`; “{words}” has no name."
                ),
                words=one_line(pieces[0]),
            ),
        )
    fields = {
        key.lower(): one_line(value) for key, value in zip(pieces[1::2], pieces[2::2], strict=True)
    }
    return w.GoalSet(**fields)


def goal_credential(spec: Spec, rest: str) -> w.GoalCredential:
    word = one_line(rest).strip()
    if not word or " " in word:
        raise ParseError(
            spec, _("Name one micro-credential id (see `/plc credential list`), or off.")
        )
    return w.GoalCredential("" if word.lower() == "off" else word.lower())


def text_of(factory: type[w.DesignAdd] | type[w.CommitSet]) -> Parser:
    def parse(spec: Spec, rest: str) -> w.DesignAdd | w.CommitSet:
        return factory(one_line(rest))

    return parse


def evidence(spec: Spec, rest: str) -> w.EvidenceAdd:
    word, _sep, note = rest.strip().partition(" ")
    number = whole_number(word.rstrip("%"), digits=3)
    if number is None:
        raise ParseError(
            spec,
            _("Start with a number from 0 to 100 (the share of your students who met the target)."),
        )
    return w.EvidenceAdd(number, one_line(note))


def action_add(spec: Spec, rest: str) -> w.ActionAdd:
    words = rest.strip().split(maxsplit=1)
    by = _BY.search(words[1]) if len(words) == 2 else None
    if by is None:
        raise ParseError(spec, _("Name the owner, what is to be done, and `by` a date."))
    try:
        due, written = values.a_date(by.group(1))
    except Invalid as e:
        raise ParseError(spec, *e.parts) from None
    owner = parse_user(spec, words[0])
    return w.ActionAdd(owner, one_line(words[1][: by.start()]), due, written)


def action_done(spec: Spec, rest: str) -> w.ActionDone:
    number = whole_number(rest.strip().lstrip("#"))
    if number is None:
        raise ParseError(spec, _(ITEM_NUMBER))
    return w.ActionDone(number)
