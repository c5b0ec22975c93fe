"""The rules the minutes intents' values meet (bot.commands.values runs them at the door)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.commands import minutes_intents as m
from bot.commands.values import Invalid, in_range
from bot.minutes import AGENDA_MINUTES_MAX, DECISION_MAX

AGENDA_MINUTES = (
    f"Give the item's minutes as a number from 1 to {AGENDA_MINUTES_MAX}, "
    "like `/plc agenda add 15 look at the exit tickets`."
)
AGENDA_NUMBER = "Give the item's number, as `/plc agenda list` shows it."


def _said(text: str, what: str) -> None:
    if not text.strip():
        raise Invalid(what)
    if len(text) > DECISION_MAX:
        raise Invalid(f"That is {len(text):,} characters; keep it to {DECISION_MAX:,}.")


def _agenda(cmd: m.AgendaAdd) -> None:
    if not 1 <= cmd.minutes <= AGENDA_MINUTES_MAX:
        raise Invalid(AGENDA_MINUTES, field="minutes")
    _said(cmd.text, "Say what the item is after its minutes, like `15 data review`.")


def _number(cmd: m.AgendaRemove) -> None:
    if cmd.number < 1:
        raise Invalid(AGENDA_NUMBER)


MINUTES_CHECKS: dict[type, Callable[[Any], object]] = {
    m.AgendaAdd: _agenda,
    m.AgendaRemove: _number,
    m.DecisionAdd: lambda c: _said(c.text, "Say what the team decided after `decision`."),
    m.MinutesShow: lambda c: in_range(c.on),
}
