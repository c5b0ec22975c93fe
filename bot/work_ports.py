"""The ports of the team's work products (bot.work): a cycle's record and action items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain import Team
from bot.work import ActionItem, CycleEntry, ReminderKind


@dataclass(frozen=True)
class ReminderWindow:
    """What a tick asks for: items due by `soon` (a day-before reminder) or by `late`
    (overdue); `days`: the days it may be now in the teams' time zones."""

    soon: date
    late: date
    days: tuple[date, date, date]


@dataclass(frozen=True)
class ReminderCandidate:
    """An open item a reminder may be due for, with what deciding and saying it needs."""

    item: ActionItem
    team: Team
    language: str | None  # the owner's own (None: not chosen, or not a member)
    off: frozenset[date]  # those of the window's days a calendar break covers for the team


class CycleRecords(Protocol):
    async def add(self, entry: CycleEntry) -> CycleEntry:
        """Stores a new entry (its id is ignored) and returns it with its id."""
        ...

    async def of_cycle(self, community_id: str, team_id: int, cycle: int) -> Sequence[CycleEntry]:
        """The cycle's entries, oldest first."""
        ...

    async def by_user(self, community_id: str, user_id: str) -> Sequence[CycleEntry]:
        """A person's own entries (commitments and evidence), oldest first."""
        ...


class ActionItems(Protocol):
    async def add(self, item: ActionItem) -> ActionItem: ...
    async def get(self, community_id: str, item_id: int) -> ActionItem | None: ...
    async def save(self, item: ActionItem) -> None: ...
    async def open_for(self, community_id: str, team_id: int) -> Sequence[ActionItem]:
        """The team's open items, soonest due first."""
        ...

    async def by_owner(self, community_id: str, user_id: str) -> Sequence[ActionItem]: ...
    async def created_between(
        self, community_id: str, team_id: int, start: datetime, end: datetime
    ) -> Sequence[ActionItem]:
        """The team's items added from `start` to `end` (a session's minutes), oldest first."""
        ...

    async def due_for_reminders(
        self,
        due: ReminderWindow,
        limit: int,
        platforms: Sequence[str] | None = None,
        after: tuple[date, int] | None = None,
    ) -> Sequence[ReminderCandidate]:
        """Open items of every community on `platforms` (None: any), with their teams, that
        have had no overdue reminder: those due by `due.soon` with no day-before reminder yet,
        and those due by `due.late`; by due date and id, after `after` (a due date and id).
        Left out: items whose owner turned reminders off, and items whose team is on a calendar
        break on every one of `due.days`. The scheduler decides which reminder, if any, is due
        now (where the team is), and whether a break covers that day there."""
        ...

    async def claim_reminder(self, item: ActionItem, kind: ReminderKind, at: datetime) -> bool:
        """True the first time this reminder is claimed, in any process; False after that."""
        ...
