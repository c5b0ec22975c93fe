"""Intents of a session's agenda, meeting roles, decisions and minutes (bot.minutes). Typed
like every intent (bot.commands.intents); the grammar, Discord's options, buttons and forms
build them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.minutes import MeetingRole as MeetingRole


@dataclass(frozen=True)
class AgendaAdd:
    minutes: int
    text: str


@dataclass(frozen=True)
class AgendaList:
    """The agenda and the meeting roles of the open session, or else of the next one."""


@dataclass(frozen=True)
class AgendaRemove:
    number: int  # as `/plc agenda list` numbers the items


@dataclass(frozen=True)
class AgendaClear:
    pass


@dataclass(frozen=True)
class AgendaForm:
    """Open the agenda item form (a guided prompt in the console)."""


@dataclass(frozen=True)
class AgendaSubmit:
    """The agenda item form as filled in: read by the use case, which names the field at fault."""

    minutes: str
    text: str


@dataclass(frozen=True)
class MeetingRoleSet:
    role: MeetingRole
    user_id: str | None  # None: nobody has the role any more


@dataclass(frozen=True)
class DecisionAdd:
    text: str


@dataclass(frozen=True)
class MinutesShow:
    """`/plc minutes` (the last ones) or `/plc minutes <date>` (the sessions closed that day)."""

    on: date | None = None
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


MinutesClick = AgendaForm

MinutesIntent = (
    AgendaAdd
    | AgendaList
    | AgendaRemove
    | AgendaClear
    | AgendaForm
    | AgendaSubmit
    | MeetingRoleSet
    | DecisionAdd
    | MinutesShow
)
