"""The intents of a team's work records: prompts a team can see and add, a person's
reflections over time, attendance and PD hours. Part of `bot.commands.intents` (which
re-exports them and holds the union of every intent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain import CycleStage, Visibility


@dataclass(frozen=True)
class PromptList:
    stage: CycleStage | None = None  # None: the team's current stage


@dataclass(frozen=True)
class PromptAdd:
    stage: CycleStage
    text: str


@dataclass(frozen=True)
class PromptRetire:
    prompt_id: str  # a team prompt's id, `team-7`


@dataclass(frozen=True)
class ReflectEdit:
    number: int  # the reflection's number, as `/plc me reflections` shows it
    text: str
    visibility: Visibility | None = None  # None: keep who can read it


@dataclass(frozen=True)
class MeReflections:
    since: date | None = None
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


@dataclass(frozen=True)
class Here:
    pass


@dataclass(frozen=True)
class Attend:
    user_ids: tuple[str, ...]


@dataclass(frozen=True)
class AttendConfirm:
    session_id: int | None = None  # None: the open (or last) session; set by the close card


@dataclass(frozen=True)
class MePdHours:
    since: date | None = None
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


@dataclass(frozen=True)
class MeLanguage:
    """`/plc me language es|en|auto`: the person's own language; None is auto."""

    language: str | None = None


@dataclass(frozen=True)
class HereClick:
    session_id: int  # the Here button of a session card


# what these records add to the core's intents and to its clicks (bot.commands.intents)
RecordClick = HereClick | AttendConfirm
RecordIntent = (
    ReflectEdit
    | MeReflections
    | Here
    | Attend
    | MePdHours
    | MeLanguage
    | PromptList
    | PromptAdd
    | PromptRetire
    | RecordClick
)
