"""The team's work products: a cycle's record and action items (bot.work_ports)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import bindparam, select

from bot.ports import Conflict
from bot.work import ActionItem, ActionStatus, CycleEntry, EntryKind, ReminderKind
from bot.work_ports import ReminderCandidate, ReminderWindow
from storage.on_platforms import platforms_key
from storage.reminder_candidates import candidate, due_query
from storage.repository import SqlRepository
from storage.statements import inserting, prepared, updating
from storage.work_tables import ActionItemRow, ActionReminderRow, CycleEntryRow

# What a team's record and its action items read and write at each step, built once.
_INSERT_ENTRY, _INSERT_ITEM = inserting(CycleEntryRow), inserting(ActionItemRow)
_SAVE_ITEM = updating(ActionItemRow)
_OF_CYCLE = prepared(
    select(CycleEntryRow)
    .where(
        CycleEntryRow.community_id == bindparam("community_id"),
        CycleEntryRow.team_id == bindparam("team_id"),
        CycleEntryRow.cycle == bindparam("cycle"),
    )
    .order_by(CycleEntryRow.created_at, CycleEntryRow.id)
)
_ITEM = prepared(
    select(ActionItemRow).where(
        ActionItemRow.community_id == bindparam("community_id"),
        ActionItemRow.id == bindparam("item_id"),
    )
)
_OPEN_ITEMS = prepared(
    select(ActionItemRow)
    .where(
        ActionItemRow.community_id == bindparam("community_id"),
        ActionItemRow.team_id == bindparam("team_id"),
        ActionItemRow.status == ActionStatus.OPEN.value,
    )
    .order_by(ActionItemRow.due_on, ActionItemRow.id)
)
_CREATED_BETWEEN = prepared(
    select(ActionItemRow)
    .where(
        ActionItemRow.community_id == bindparam("community_id"),
        ActionItemRow.team_id == bindparam("team_id"),
        ActionItemRow.created_at.between(bindparam("start"), bindparam("end")),
    )
    .order_by(ActionItemRow.created_at, ActionItemRow.id)
)


def _entry(row: CycleEntryRow) -> CycleEntry:
    return CycleEntry(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        cycle=row.cycle,
        kind=EntryKind(row.kind),
        text=row.text,
        written_by=row.written_by,
        created_at=row.created_at,
        user_id=row.user_id,
        detail=tuple(row.detail),
        percent=row.percent,
    )


class SqlCycleRecords(SqlRepository):
    async def add(self, entry: CycleEntry) -> CycleEntry:
        values = {
            "community_id": entry.community_id,
            "team_id": entry.team_id,
            "cycle": entry.cycle,
            "kind": entry.kind.value,
            "text": entry.text,
            "detail": list(entry.detail),
            "percent": entry.percent,
            "user_id": entry.user_id,
            "written_by": entry.written_by,
            "created_at": entry.created_at,
        }
        return replace(entry, id=await self._insert_row(_INSERT_ENTRY, values))

    async def of_cycle(self, community_id: str, team_id: int, cycle: int) -> Sequence[CycleEntry]:
        rows = await self._all_of(
            _OF_CYCLE, community_id=community_id, team_id=team_id, cycle=cycle
        )
        return [_entry(r) for r in rows]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[CycleEntry]:
        query = (
            select(CycleEntryRow)
            .where(CycleEntryRow.community_id == community_id, CycleEntryRow.user_id == user_id)
            .order_by(CycleEntryRow.created_at, CycleEntryRow.id)
        )
        return [_entry(r) for r in await self._all(query)]


def _item(row: ActionItemRow) -> ActionItem:
    return ActionItem(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        owner_id=row.user_id,
        text=row.text,
        due_on=row.due_on,
        created_by=row.created_by,
        created_at=row.created_at,
        status=ActionStatus(row.status),
        done_at=row.done_at,
        done_by=row.done_by,
    )


class SqlActionItems(SqlRepository):
    async def add(self, item: ActionItem) -> ActionItem:
        values = {
            "community_id": item.community_id,
            "team_id": item.team_id,
            "user_id": item.owner_id,
            "text": item.text,
            "due_on": item.due_on,
            "status": item.status.value,
            "created_by": item.created_by,
            "created_at": item.created_at,
        }
        new_id = await self._insert_row(_INSERT_ITEM, values)
        return replace(item, id=new_id, done_at=None, done_by=None)  # a new item is not done

    async def get(self, community_id: str, item_id: int) -> ActionItem | None:
        row = await self._one_of(_ITEM, community_id=community_id, item_id=item_id)
        return _item(row) if row else None

    async def save(self, item: ActionItem) -> None:
        """Its status and who finished it when: all that changes of an item."""
        params = {
            "status": item.status.value,
            "done_at": item.done_at,
            "done_by": item.done_by,
            "where_community_id": item.community_id,
            "where_id": item.id,
        }
        await self._update(_SAVE_ITEM, f"no action item {item.id}", params)

    async def open_for(self, community_id: str, team_id: int) -> Sequence[ActionItem]:
        rows = await self._all_of(_OPEN_ITEMS, community_id=community_id, team_id=team_id)
        return [_item(r) for r in rows]

    async def by_owner(self, community_id: str, user_id: str) -> Sequence[ActionItem]:
        query = (
            select(ActionItemRow)
            .where(ActionItemRow.community_id == community_id, ActionItemRow.user_id == user_id)
            .order_by(ActionItemRow.due_on, ActionItemRow.id)
        )
        return [_item(r) for r in await self._all(query)]

    async def created_between(
        self, community_id: str, team_id: int, start: datetime, end: datetime
    ) -> Sequence[ActionItem]:
        rows = await self._all_of(
            _CREATED_BETWEEN, community_id=community_id, team_id=team_id, start=start, end=end
        )
        return [_item(r) for r in rows]

    async def due_for_reminders(
        self,
        due: ReminderWindow,
        limit: int,
        platforms: Sequence[str] | None = None,
        after: tuple[date, int] | None = None,
    ) -> Sequence[ReminderCandidate]:
        query = due_query(limit, platforms_key(platforms))
        first, mid, last = due.days
        after_on, after_id = after or (date.min, 0)
        params = {
            "soon": due.soon,
            "late": due.late,
            "first": first,
            "mid": mid,
            "last": last,
            "after_on": after_on,
            "after_id": after_id,
        }
        rows = await self._all_of(query, **params)
        return [candidate(row, due.days, _item) for row in rows]

    async def claim_reminder(self, item: ActionItem, kind: ReminderKind, at: datetime) -> bool:
        values = {
            "community_id": item.community_id,
            "item_id": item.id,
            "user_id": item.owner_id,
            "kind": kind.value,
            "reminded_at": at,
        }
        try:
            await self._insert_values(ActionReminderRow, values)
        except Conflict:
            return False
        return True
