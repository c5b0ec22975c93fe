"""The fake unit of work's tables, and the rules its repositories share with the SQL ones.

Each rule here is one the databases enforce and the storage contract tests check on both
(tests/storage/conftest.py): datetimes kept in UTC and naive ones refused, rows read back in
the same order, a row written only under a parent of its own community (LookupError)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from bot.attendance import Attendance
from bot.domain import (
    AuditEntry,
    CheckIn,
    Community,
    Member,
    PendingWithdrawal,
    PostedMessage,
    PromptDelivery,
    PulseAnswer,
    Reflection,
    Session,
    StageChange,
    Team,
    TeamRole,
)
from bot.ports import Conflict
from bot.rules.prompts import TeamPrompt
from bot.scheduling.model import CalendarBreak, Schedule, ScheduleRun

if TYPE_CHECKING:
    from tests.fakes.uow import FakeUnitOfWork

T = TypeVar("T")


@dataclass
class State:
    communities: dict[str, Community] = field(default_factory=dict)
    members: dict[tuple[str, str], Member] = field(default_factory=dict)
    teams: dict[int, Team] = field(default_factory=dict)
    team_roles: dict[tuple[int, str], TeamRole] = field(default_factory=dict)
    stage_changes: list[tuple[str, StageChange]] = field(default_factory=list)
    sessions: dict[int, Session] = field(default_factory=dict)
    checkins: dict[int, CheckIn] = field(default_factory=dict)
    deliveries: dict[int, PromptDelivery] = field(default_factory=dict)
    reflections: dict[int, Reflection] = field(default_factory=dict)
    pulse: dict[tuple[int, str], PulseAnswer] = field(default_factory=dict)
    posted: list[PostedMessage] = field(default_factory=list)
    withdrawals: dict[int, PendingWithdrawal] = field(default_factory=dict)
    events: dict[tuple[str, str], datetime] = field(default_factory=dict)
    schedules: dict[int, Schedule] = field(default_factory=dict)
    runs: dict[int, ScheduleRun] = field(default_factory=dict)
    breaks: dict[int, CalendarBreak] = field(default_factory=dict)
    reminders: set[tuple[int, str]] = field(default_factory=set)
    audit: list[AuditEntry] = field(default_factory=list)
    had_admin: set[str] = field(default_factory=set)  # communities.had_admin
    cycle_entries: list[Any] = field(default_factory=list)
    action_items: dict[int, Any] = field(default_factory=dict)
    action_reminders: set[tuple[int, Any]] = field(default_factory=set)
    team_prompts: dict[int, TeamPrompt] = field(default_factory=dict)
    attendance: dict[tuple[int, str], Attendance] = field(default_factory=dict)
    agenda: dict[int, Any] = field(default_factory=dict)  # bot.minutes, like the work's
    meeting_roles: list[Any] = field(default_factory=list)
    decisions: dict[int, Any] = field(default_factory=dict)
    kept_minutes: dict[int, Any] = field(default_factory=dict)
    protocol_runs: dict[int, Any] = field(default_factory=dict)
    protocol_steps: dict[int, Any] = field(default_factory=dict)
    protocol_notes: dict[int, Any] = field(default_factory=dict)
    portfolios: dict[int, Any] = field(default_factory=dict)
    evidence: dict[int, Any] = field(default_factory=dict)  # a portfolio's evidence
    comments: dict[int, Any] = field(default_factory=dict)  # a reviewer's on a portfolio


def utc(value: datetime) -> datetime:
    """A datetime as the database keeps it: the same instant in UTC; a naive one is refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime refused: {value!r}")
    return value.astimezone(UTC)


def stored(row: T) -> T:
    """A row as the database keeps it: its datetimes in UTC (ValueError for a naive one)."""
    assert is_dataclass(row) and not isinstance(row, type)
    changes = {
        f.name: utc(value)
        for f in fields(row)
        if f.init and isinstance(value := getattr(row, f.name), datetime)
    }
    return replace(row, **changes) if changes else row


def not_before(items: Iterable[T], attr: str, at: datetime | None) -> list[T]:
    floor = None if at is None else utc(at)
    return [x for x in items if floor is None or getattr(x, attr) >= floor]


def by(*attrs: str) -> Any:
    """The sort key of an ORDER BY on these attributes."""
    return lambda x: tuple(getattr(x, a) for a in attrs)


def unique(rows: Iterable[Any], row: Any, *attrs: str, what: str) -> None:
    """Conflict if another row (another id) has the same values of `attrs`: a UNIQUE index."""
    if any(r.id != row.id and all(getattr(r, a) == getattr(row, a) for a in attrs) for r in rows):
        raise Conflict(what)


def held(table: dict[int, Any], row: Any, what: str) -> None:
    """LookupError unless the row to save is there, in its community: an UPDATE that matched."""
    there = table.get(row.id)
    if there is None or there.community_id != row.community_id:
        raise LookupError(f"no {what} {row.id} in {row.community_id}")


def drop(table: dict[Any, Any], gone: Any) -> int:
    keys = [k for k, v in table.items() if gone(v)]
    for k in keys:
        del table[k]
    return len(keys)


class Repo:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def s(self) -> State:
        if self.uow.state is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self.uow.state

    def team_in(self, community_id: str, team_id: int) -> Team:
        t = self.s.teams.get(team_id)
        if t is None or t.community_id != community_id:
            raise LookupError(f"not in this community: team {team_id}")
        return t

    def session_in(self, community_id: str, session_id: int) -> Session:
        s = self.s.sessions.get(session_id)
        if s is None or s.community_id != community_id:
            raise LookupError(f"not in this community: session {session_id}")
        return s

    def delivery_in(self, community_id: str, delivery_id: int) -> PromptDelivery:
        d = self.s.deliveries.get(delivery_id)
        if d is None or d.community_id != community_id:
            raise LookupError(f"not in this community: prompt {delivery_id}")
        return d

    def schedule_in(self, community_id: str, schedule_id: int) -> Schedule:
        x = self.s.schedules.get(schedule_id)
        if x is None or x.community_id != community_id:
            raise LookupError(f"not in this community: schedule {schedule_id}")
        return x

    def community_in(self, community_id: str) -> Community:
        c = self.s.communities.get(community_id)
        if c is None:
            raise LookupError(f"no community {community_id}")
        return c
