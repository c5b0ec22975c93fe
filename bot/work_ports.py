"""The ports of the team's work products (bot.work): a cycle's record and action items."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from bot.domain import Team
from bot.work import ActionItem, CycleEntry, ReminderKind


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
        self, soon: date, late: date, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[ActionItem, Team]]:
        """Open items of every community on `platforms` (None: any), with their teams, that
        have had no overdue reminder: those due by `soon` with no day-before reminder yet, and
        those due by `late`. The scheduler decides which reminder, if any, is due now."""
        ...

    async def claim_reminder(self, item: ActionItem, kind: ReminderKind, at: datetime) -> bool:
        """True the first time this reminder is claimed, in any process; False after that."""
        ...
