"""In-memory work products (bot.work_ports) for the FakeStore."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from bot.scheduling.model import on
from bot.work import ActionItem, ActionStatus, CycleEntry, ReminderKind
from bot.work_ports import ReminderCandidate, ReminderWindow


class FakeCycleRecords:
    def __init__(self, uow: Any) -> None:
        self.uow = uow

    async def add(self, entry: CycleEntry) -> CycleEntry:
        await self.uow.writing()
        stored = replace(entry, id=self.uow.next_id())
        self.uow.state.cycle_entries.append(stored)
        return stored

    async def of_cycle(self, community_id: str, team_id: int, cycle: int) -> Sequence[CycleEntry]:
        return [
            e
            for e in self.uow.state.cycle_entries
            if (e.community_id, e.team_id, e.cycle) == (community_id, team_id, cycle)
        ]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[CycleEntry]:
        return [
            e
            for e in self.uow.state.cycle_entries
            if e.community_id == community_id and e.user_id == user_id
        ]


class FakeActionItems:
    def __init__(self, uow: Any) -> None:
        self.uow = uow

    async def add(self, item: ActionItem) -> ActionItem:
        await self.uow.writing()
        stored = replace(item, id=self.uow.next_id())
        self.uow.state.action_items[stored.id] = stored
        return stored

    async def get(self, community_id: str, item_id: int) -> ActionItem | None:
        item: ActionItem | None = self.uow.state.action_items.get(item_id)
        return item if item and item.community_id == community_id else None

    async def save(self, item: ActionItem) -> None:
        await self.uow.writing()
        self.uow.state.action_items[item.id] = item

    async def open_for(self, community_id: str, team_id: int) -> Sequence[ActionItem]:
        items = [
            i
            for i in self.uow.state.action_items.values()
            if (i.community_id, i.team_id) == (community_id, team_id)
            and i.status is ActionStatus.OPEN
        ]
        return sorted(items, key=lambda i: (i.due_on, i.id))

    async def by_owner(self, community_id: str, user_id: str) -> Sequence[ActionItem]:
        return [
            i
            for i in self.uow.state.action_items.values()
            if i.community_id == community_id and i.owner_id == user_id
        ]

    async def created_between(
        self, community_id: str, team_id: int, start: datetime, end: datetime
    ) -> Sequence[ActionItem]:
        items = [
            i
            for i in self.uow.state.action_items.values()
            if (i.community_id, i.team_id) == (community_id, team_id)
            and start <= i.created_at <= end
        ]
        return sorted(items, key=lambda i: (i.created_at, i.id))

    async def due_for_reminders(
        self,
        due: ReminderWindow,
        limit: int,
        platforms: Sequence[str] | None = None,
        after: tuple[date, int] | None = None,
    ) -> Sequence[ReminderCandidate]:
        s = self.uow.state
        found = []
        for i in sorted(s.action_items.values(), key=lambda i: (i.due_on, i.id)):
            member = s.members.get((i.community_id, i.owner_id))
            breaks = [b for b in s.breaks.values() if b.community_id == i.community_id]
            off = frozenset(d for d in due.days if any(b.covers(d, i.team_id) for b in breaks))
            first, _mid, last = due.days
            away = any(b.covers(first, i.team_id) and b.covers(last, i.team_id) for b in breaks)
            if (
                i.status is ActionStatus.OPEN
                and on(i.community_id, platforms)
                and (after is None or (i.due_on, i.id) > after)
                and (member is None or member.reminders)
                and not away  # on a break wherever the team is
                and (i.id, ReminderKind.OVERDUE) not in s.action_reminders
                and (
                    i.due_on <= due.late
                    or (
                        i.due_on <= due.soon
                        and (i.id, ReminderKind.DAY_BEFORE) not in s.action_reminders
                    )
                )
            ):
                language = member.language if member else None
                found.append(ReminderCandidate(i, s.teams[i.team_id], language, off))
        return found[:limit]

    async def claim_reminder(self, item: ActionItem, kind: ReminderKind, at: datetime) -> bool:
        await self.uow.writing()
        if (item.id, kind) in self.uow.state.action_reminders:
            return False
        self.uow.state.action_reminders.add((item.id, kind))
        return True
