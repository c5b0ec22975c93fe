"""Intents as frozen dataclasses: what a person asked for, already typed. The core's API:
the grammar turns text into these, Discord's options and every button and form build them
directly, and `PlcBot.handle` runs them (policy per type in `bot.commands.policy`, value
rules in `bot.commands.values`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.commands.intents_records import Attend as Attend
from bot.commands.intents_records import AttendConfirm as AttendConfirm
from bot.commands.intents_records import Here as Here
from bot.commands.intents_records import HereClick as HereClick
from bot.commands.intents_records import MePdHours as MePdHours
from bot.commands.intents_records import MeReflections as MeReflections
from bot.commands.intents_records import PromptAdd as PromptAdd
from bot.commands.intents_records import PromptList as PromptList
from bot.commands.intents_records import PromptRetire as PromptRetire
from bot.commands.intents_records import ReflectEdit as ReflectEdit
from bot.domain import CycleStage, Role, Visibility


@dataclass(frozen=True)
class Help:
    topic: str | None = None


@dataclass(frozen=True)
class CheckInCmd:
    score: int | None = None  # None: show the check-in buttons
    word: str | None = None


@dataclass(frozen=True)
class Reflect:
    text: str | None = None  # None: open the reflection form
    visibility: Visibility | None = None


@dataclass(frozen=True)
class ShowNorms:
    pass


@dataclass(frozen=True)
class ShowCycle:
    pass


@dataclass(frozen=True)
class MeExport:
    pass


@dataclass(frozen=True)
class MeForget:
    pass


@dataclass(frozen=True)
class MeStreak:
    pass


@dataclass(frozen=True)
class MeReminders:
    on: bool


@dataclass(frozen=True)
class SessionOpen:
    topic: str = ""


@dataclass(frozen=True)
class SessionClose:
    pass


@dataclass(frozen=True)
class StageNext:
    pass


@dataclass(frozen=True)
class StageSet:
    stage: CycleStage


@dataclass(frozen=True)
class PromptSend:
    prompt_id: str | None = None
    number: int | None = None  # a number from `/plc prompt list` (the team's stage)


@dataclass(frozen=True)
class NormsAdd:
    text: str


@dataclass(frozen=True)
class NormsRemove:
    number: int


@dataclass(frozen=True)
class NormsReset:
    pass


@dataclass(frozen=True)
class Report:
    since: date | None = None
    whole_community: bool = False


@dataclass(frozen=True)
class ListReflections:
    since: date | None = None


@dataclass(frozen=True)
class TeamCreate:
    name: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class TeamSetTimezone:
    timezone: str


@dataclass(frozen=True)
class TeamSetLanguage:
    language: str


@dataclass(frozen=True)
class RoleGrant:
    user_id: str
    role: Role


@dataclass(frozen=True)
class RoleRevoke:
    user_id: str
    role: Role


@dataclass(frozen=True)
class ScheduleAdd:
    kind: str
    when: str
    timezone: str | None = None
    after_hours: int | None = None


@dataclass(frozen=True)
class ScheduleList:
    pass


@dataclass(frozen=True)
class ScheduleChange:
    action: str  # "remove", "pause", "resume"
    schedule_id: int


@dataclass(frozen=True)
class ScheduleRunAction:
    """An admin's decision about a run left claimed (post outcome unknown)."""

    action: str  # "resend", "dismiss"
    run_id: int


@dataclass(frozen=True)
class CalendarOff:
    first_day: date
    last_day: date
    label: str
    team_only: bool = False


@dataclass(frozen=True)
class CalendarList:
    pass


@dataclass(frozen=True)
class CalendarRemove:
    break_id: int


# ---- what buttons and forms do (encoded and decoded by bot.actions) ---------------------


@dataclass(frozen=True)
class CheckInClick:
    session_id: int  # 0: whatever session is open (or an asynchronous check-in)
    score: int


@dataclass(frozen=True)
class ReflectClick:
    delivery_id: int  # 0: the team's latest prompt


@dataclass(frozen=True)
class PulseAnswer:
    session_id: int
    relevant: int | None = None
    recommend: bool | None = None


@dataclass(frozen=True)
class ForgetConfirm:
    addressee: str  # the person the confirmation was shown to


@dataclass(frozen=True)
class ReflectSubmit:
    delivery_id: int
    text: str
    visibility: Visibility | None = None


Click = CheckInClick | ReflectClick | PulseAnswer | ForgetConfirm | HereClick | AttendConfirm

Intent = (
    Help
    | CheckInCmd
    | Reflect
    | ReflectEdit
    | MeReflections
    | Here
    | Attend
    | AttendConfirm
    | MePdHours
    | HereClick
    | ShowNorms
    | ShowCycle
    | MeExport
    | MeForget
    | MeStreak
    | MeReminders
    | SessionOpen
    | SessionClose
    | StageNext
    | StageSet
    | PromptSend
    | PromptList
    | PromptAdd
    | PromptRetire
    | NormsAdd
    | NormsRemove
    | NormsReset
    | Report
    | ListReflections
    | TeamCreate
    | TeamSetTimezone
    | TeamSetLanguage
    | RoleGrant
    | RoleRevoke
    | ScheduleAdd
    | ScheduleList
    | ScheduleChange
    | ScheduleRunAction
    | CalendarOff
    | CalendarList
    | CalendarRemove
    | CheckInClick
    | ReflectClick
    | PulseAnswer
    | ForgetConfirm
    | ReflectSubmit
)
