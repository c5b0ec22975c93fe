"""The ports the core owns. Storage and adapters implement them; the core never imports them.

Every repository method that reads or writes community-owned data takes the community id
and filters by it: a team in one workspace never sees another's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from bot.credential_ports import Portfolios as Portfolios
from bot.domain import (
    AdminRoll,
    CheckIn,
    Community,
    CommunityRef,
    Member,
    MessageRef,
    PromptDelivery,
    PulseAnswer,
    Reflection,
    Session,
    StageChange,
    Team,
    TeamRole,
)
from bot.export import ExportFile
from bot.messages import Message
from bot.minutes_ports import Meetings
from bot.ports_attendance import Attendances
from bot.ports_operations import AuditLog as AuditLog
from bot.ports_operations import CalendarBreaks as CalendarBreaks
from bot.ports_operations import Claim as Claim
from bot.ports_operations import DataRights as DataRights
from bot.ports_operations import PendingWithdrawals as PendingWithdrawals
from bot.ports_operations import PostedMessages as PostedMessages
from bot.ports_operations import ProcessedEvents as ProcessedEvents
from bot.ports_operations import ScheduleRuns as ScheduleRuns
from bot.ports_operations import Schedules as Schedules
from bot.ports_operations import SentReminders as SentReminders
from bot.ports_prompts import TeamPrompts
from bot.protocol_ports import ProtocolRuns as ProtocolRuns
from bot.reports import ReportReads
from bot.rules.score import Score
from bot.work_ports import ActionItems as ActionItems
from bot.work_ports import CycleRecords as CycleRecords


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC now."""
        ...


class Chat(Protocol):
    """What an adapter offers the core: post, DM, update. Raises ChatError when it cannot."""

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef: ...

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef: ...

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None: ...

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        """A direct message with files attached (a teacher's export)."""
        ...


class ChatError(Exception):
    """The platform refused or could not take a message (after its own retries)."""


class StorageUnavailable(Exception):
    """The database could not be reached; nothing was written."""


class Conflict(Exception):
    """A uniqueness rule held: the write lost a race (e.g. a second open session)."""


@dataclass(frozen=True)
class Standing:
    """What every request reads first, in one go: the community, the person's membership in
    it, the team of the channel and the person's role in that team; None where there is none."""

    community: Community | None
    member: Member | None
    team: Team | None
    team_role: TeamRole | None
    # The delivery claimed with this read (`claim=`): True, or False for a repeat; None if
    # the read did not claim it (then ProcessedEvents.claim must).
    claimed: bool | None = None


class Communities(Protocol):
    async def get(self, community_id: str) -> Community | None: ...
    async def add(self, community: Community) -> None: ...
    async def rename(self, community_id: str, name: str) -> None: ...
    async def standing(
        self, community_id: str, user_id: str, channel_id: str | None, claim: Claim | None = None
    ) -> Standing:
        """`claim`: claimed in the same statement where the database can (Standing.claimed)."""
        ...


class Members(Protocol):
    async def get(self, community_id: str, user_id: str) -> Member | None: ...
    async def save(self, member: Member) -> None:
        """Saving an admin also records, for good, that the community has had one."""
        ...

    async def admins(self, community_id: str) -> Sequence[str]: ...
    async def communities_of(self, platform: str, user_id: str) -> Sequence[str]:
        """The ids of the communities on `platform` where this person is a member."""
        ...

    async def lock_admins(self, community_id: str) -> AdminRoll:
        """Lock the community's admins until the unit of work ends, then read them: another
        unit of work that locks them waits, and reads what this one committed. Call it before
        any change that must leave the community an admin (revoke, forget, bootstrap)."""
        ...

    async def languages(self, community_id: str, user_ids: Collection[str]) -> Mapping[str, str]:
        """Each one's own choice (`/plc me language`) in one read, for DMs said in the
        recipient's language; a person on auto, or unknown, is left out."""
        ...


class Teams(Protocol):
    async def by_channel(self, community_id: str, channel_id: str) -> Team | None: ...
    async def get(self, community_id: str, team_id: int) -> Team | None: ...
    async def add(self, team: Team) -> Team:
        """Stores a new team (its id is ignored) and returns it with its id."""
        ...

    async def save(self, team: Team) -> None: ...
    async def list(self, community_id: str) -> Sequence[Team]: ...


class TeamRoles(Protocol):
    async def get(self, community_id: str, team_id: int, user_id: str) -> TeamRole | None: ...
    async def save(self, community_id: str, role: TeamRole) -> None: ...
    async def remove(self, community_id: str, team_id: int, user_id: str) -> None: ...
    async def facilitators(self, community_id: str, team_id: int) -> Sequence[str]: ...
    async def members(self, community_id: str, team_id: int) -> Sequence[TeamRole]: ...
    async def teams_of(self, community_id: str, user_id: str) -> Sequence[TeamRole]: ...


class StageChanges(Protocol):
    async def add(self, community_id: str, change: StageChange) -> None: ...
    async def list(self, community_id: str, team_id: int) -> Sequence[StageChange]: ...


class Sessions(Protocol):
    async def open_for(self, community_id: str, team_id: int) -> Session | None: ...
    async def get(self, community_id: str, session_id: int) -> Session | None: ...
    async def add(self, session: Session) -> Session:
        """Stores a new session; raises Conflict if the team already has an open one."""
        ...

    async def save(self, session: Session) -> None: ...
    async def hold(self, community_id: str, session_id: int) -> None:
        """Hold the session until the commit, before counting its check-ins: transactions
        that count them (to render its card) then count one after another, each seeing the
        commits before it. Where writes are one at a time already (SQLite), nothing to do."""
        ...

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Session]: ...


class CheckIns(Protocol):
    async def find(self, community_id: str, session_id: int, user_id: str) -> CheckIn | None: ...
    async def add(self, checkin: CheckIn) -> CheckIn: ...
    async def save(self, checkin: CheckIn) -> None: ...
    async def for_session(self, community_id: str, session_id: int) -> Sequence[CheckIn]: ...
    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[CheckIn]: ...
    async def by_user(self, community_id: str, user_id: str) -> Sequence[CheckIn]: ...


class Deliveries(Protocol):
    """Reflection prompts sent to a team."""

    async def add(self, delivery: PromptDelivery) -> PromptDelivery: ...
    async def get(self, community_id: str, delivery_id: int) -> PromptDelivery | None: ...
    async def latest(self, community_id: str, team_id: int) -> PromptDelivery | None:
        """The team's latest prompt that was posted."""
        ...

    async def mark_posted(self, community_id: str, delivery_id: int) -> None: ...
    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[PromptDelivery]: ...


class Reflections(Protocol):
    async def add(self, reflection: Reflection) -> Reflection: ...
    async def save(self, reflection: Reflection) -> None: ...
    async def get(self, community_id: str, reflection_id: int) -> Reflection | None: ...
    async def find(
        self, community_id: str, delivery_id: int, user_id: str
    ) -> Reflection | None: ...
    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Reflection]: ...
    async def by_user(self, community_id: str, user_id: str) -> Sequence[Reflection]: ...


class PulseAnswers(Protocol):
    async def get(self, community_id: str, session_id: int, user_id: str) -> PulseAnswer | None: ...
    async def save(self, answer: PulseAnswer) -> None: ...
    async def answer(
        self,
        community_id: str,
        session_id: int,
        user_id: str,
        *,
        relevant: Score | None = None,
        recommend: bool | None = None,
    ) -> PulseAnswer:
        """Record one question's answer (the one given), leaving the other as it is, in one
        atomic step: two quick clicks on the two questions both count. Returns the whole
        answer as stored. LookupError if the session is not in the community."""
        ...

    async def for_session(self, community_id: str, session_id: int) -> Sequence[PulseAnswer]: ...
    async def for_team(self, community_id: str, team_id: int) -> Sequence[PulseAnswer]:
        """The answers in every session of the team, by session then person: one read."""
        ...

    async def by_user(self, community_id: str, user_id: str) -> Sequence[PulseAnswer]: ...


class UnitOfWork(Protocol):
    """One use case's transaction. Leaving the block without commit() rolls everything back."""

    communities: Communities
    members: Members
    teams: Teams
    team_roles: TeamRoles
    stage_changes: StageChanges
    sessions: Sessions
    checkins: CheckIns
    deliveries: Deliveries
    reflections: Reflections
    pulse: PulseAnswers
    posted: PostedMessages
    withdrawals: PendingWithdrawals
    team_prompts: TeamPrompts
    attendance: Attendances
    events: ProcessedEvents
    schedules: Schedules
    schedule_runs: ScheduleRuns
    calendar: CalendarBreaks
    reminders: SentReminders
    audit: AuditLog
    rights: DataRights
    reports: ReportReads
    cycle_records: CycleRecords
    action_items: ActionItems
    meetings: Meetings
    protocol_runs: ProtocolRuns
    portfolios: Portfolios

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
