"""The rules the minutes intents' values meet (bot.commands.values runs them at the door)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.commands import minutes_intents as m
from bot.commands.values import Invalid, in_range, too_long
from bot.i18n import N_, _
from bot.minutes import AGENDA_MINUTES_MAX, DECISION_MAX

AGENDA_MINUTES = N_(
    "Give the item's minutes as a number from 1 to {most}, "
    "like `/plc agenda add 15 look at the exit tickets`."
)
AGENDA_NUMBER = N_("Give the item's number, as `/plc agenda list` shows it.")


def _said(text: str, what: str) -> None:
    if not text.strip():
        raise Invalid(_(what) if what else what)
    if len(text) > DECISION_MAX:
        raise Invalid(too_long(len(text), DECISION_MAX))


def _agenda(cmd: m.AgendaAdd) -> None:
    if not 1 <= cmd.minutes <= AGENDA_MINUTES_MAX:
        raise Invalid(_(AGENDA_MINUTES).format(most=AGENDA_MINUTES_MAX), field="minutes")
    _said(cmd.text, N_("Say what the item is after its minutes, like `15 data review`."))


def _number(cmd: m.AgendaRemove) -> None:
    if cmd.number < 1:
        raise Invalid(_(AGENDA_NUMBER))


MINUTES_CHECKS: dict[type, Callable[[Any], object]] = {
    m.AgendaAdd: _agenda,
    m.AgendaRemove: _number,
    m.DecisionAdd: lambda c: _said(c.text, N_("Say what the team decided after `decision`.")),
    m.MinutesShow: lambda c: in_range(c.on),
}
