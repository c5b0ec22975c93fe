"""Intents of the team's work products (bot.work): the cycle's record and action items.
Typed like every intent (bot.commands.intents); the grammar, Discord's options, buttons and
forms build them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.commands.minutes_intents import MinutesClick, MinutesIntent


@dataclass(frozen=True)
class NeedSet:
    text: str
    evidence: str = ""  # what the need rests on: data described, links


@dataclass(frozen=True)
class GoalForm:
    """Open the goal form (a guided prompt in the console)."""


@dataclass(frozen=True)
class GoalSet:
    """The fields given; an empty one keeps what the goal has."""

    what: str = ""
    measure: str = ""
    target: str = ""
    by: str = ""


@dataclass(frozen=True)
class GoalCredential:
    """Link the cycle's goal to a micro-credential (its id), or unlink it ("")."""

    credential_id: str


@dataclass(frozen=True)
class DesignAdd:
    text: str


@dataclass(frozen=True)
class CommitSet:
    text: str


@dataclass(frozen=True)
class EvidenceAdd:
    percent: int
    note: str = ""


@dataclass(frozen=True)
class CycleClose:
    pass


@dataclass(frozen=True)
class ActionAdd:
    owner_id: str
    text: str
    due_on: date
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


@dataclass(frozen=True)
class ActionList:
    pass


@dataclass(frozen=True)
class ActionDone:
    """`/plc action done <n>` and the Done button: checked against the item's team."""

    item_id: int


@dataclass(frozen=True)
class ActionForm:
    """The session card's button: open the action item form."""


@dataclass(frozen=True)
class ActionSubmit:
    """The action item form as filled in: read by the use case, which names the field at fault."""

    owner: str
    text: str
    due: str


WorkClick = ActionDone | ActionForm | GoalForm | MinutesClick

WorkIntent = (
    NeedSet
    | GoalForm
    | GoalSet
    | GoalCredential
    | DesignAdd
    | CommitSet
    | EvidenceAdd
    | CycleClose
    | ActionAdd
    | ActionList
    | ActionDone
    | ActionForm
    | ActionSubmit
    | MinutesIntent  # a session's agenda, roles, decisions and minutes
)
