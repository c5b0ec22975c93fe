"""Intents as frozen dataclasses: what a person asked for, already typed. The core's API:
the grammar turns text into these, Discord's options and every button and form build them
directly, and `PlcBot.handle` runs them (policy per type in `bot.commands.policy`, value
rules in `bot.commands.values`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.commands.credential_intents import CredentialClick, CredentialIntent
from bot.commands.intents_admin import NormsEdit as NormsEdit
from bot.commands.intents_admin import NormsMove as NormsMove
from bot.commands.intents_admin import RoleList as RoleList
from bot.commands.intents_admin import TeamArchive as TeamArchive
from bot.commands.intents_admin import TeamList as TeamList
from bot.commands.intents_admin import TeamRename as TeamRename
from bot.commands.intents_clicks import CheckInClick as CheckInClick
from bot.commands.intents_clicks import CheckInWord as CheckInWord
from bot.commands.intents_clicks import ForgetCancel as ForgetCancel
from bot.commands.intents_clicks import ForgetConfirm as ForgetConfirm
from bot.commands.intents_clicks import PulseAnswer as PulseAnswer
from bot.commands.intents_clicks import ReflectClick as ReflectClick
from bot.commands.intents_clicks import ReflectSubmit as ReflectSubmit
from bot.commands.intents_clicks import TeamZoneClick as TeamZoneClick
from bot.commands.intents_clicks import TeamZoneSubmit as TeamZoneSubmit
from bot.commands.intents_records import Attend as Attend
from bot.commands.intents_records import AttendConfirm as AttendConfirm
from bot.commands.intents_records import Here as Here
from bot.commands.intents_records import HereClick as HereClick
from bot.commands.intents_records import MePdHours as MePdHours
from bot.commands.intents_records import MeReflections as MeReflections
from bot.commands.intents_records import PromptAdd as PromptAdd
from bot.commands.intents_records import PromptList as PromptList
from bot.commands.intents_records import PromptRetire as PromptRetire
from bot.commands.intents_records import RecordClick, RecordIntent
from bot.commands.intents_records import ReflectEdit as ReflectEdit
from bot.commands.protocol_intents import ProtocolClick, ProtocolIntent
from bot.commands.work_intents import WorkClick, WorkIntent
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
class StageSetByTitle:
    """`/plc stage set Learn together`: a stage named by its title, which is the prompt
    library's (in the team's language), so the core reads it."""

    title: str


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
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


@dataclass(frozen=True)
class CommunityReport:
    """`/plc report all`: every team of the community (admins), from any channel."""

    since: date | None = None
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


@dataclass(frozen=True)
class ListReflections:
    since: date | None = None
    written: str | None = None  # the date as typed when month/day/year (US-English teams)


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
    written: str | None = None  # as typed when month/day/year: only a US-English team's reading


@dataclass(frozen=True)
class CalendarList:
    pass


@dataclass(frozen=True)
class CalendarRemove:
    break_id: int


Click = (
    CheckInClick
    | ReflectClick
    | PulseAnswer
    | ForgetConfirm
    | ForgetCancel
    | TeamZoneClick
    | WorkClick
    | RecordClick
    | ProtocolClick
    | CredentialClick
)

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
    | StageSetByTitle
    | CommunityReport
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
    | ScheduleRunAction
    | CalendarOff
    | CalendarList
    | CalendarRemove
    | CheckInClick
    | ReflectClick
    | PulseAnswer
    | ForgetConfirm
    | ForgetCancel
    | ReflectSubmit
    | CheckInWord
    | TeamZoneClick
    | TeamZoneSubmit
    | TeamRename
    | TeamList
    | TeamArchive
    | RoleList
    | NormsEdit
    | NormsMove
    | WorkIntent
    | CredentialIntent
    | RecordIntent
    | ProtocolIntent
)
