"""Commands as frozen dataclasses: what a person asked for, already parsed and checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


Intent = (
    Help
    | CheckInCmd
    | Reflect
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
    | CalendarOff
    | CalendarList
    | CalendarRemove
)
