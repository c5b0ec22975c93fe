"""Calendar breaks (days with no posts) and sent reminders (one per person and prompt)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, select

from bot.ports import Conflict
from bot.scheduling.model import CalendarBreak
from storage.repository import SqlRepository
from storage.schedule_tables import CalendarBreakRow, SentReminderRow
from storage.statements import prepared

_BREAKS = prepared(
    select(CalendarBreakRow)
    .where(CalendarBreakRow.community_id == bindparam("community_id"))
    .order_by(CalendarBreakRow.first_day, CalendarBreakRow.id)
)


def _break(row: CalendarBreakRow) -> CalendarBreak:
    return CalendarBreak(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        first_day=row.first_day,
        last_day=row.last_day,
        label=row.label,
        created_by=row.created_by,
    )


class SqlCalendarBreaks(SqlRepository):
    async def add(self, brk: CalendarBreak) -> CalendarBreak:
        row = CalendarBreakRow(
            community_id=brk.community_id,
            team_id=brk.team_id,
            first_day=brk.first_day,
            last_day=brk.last_day,
            label=brk.label,
            created_by=brk.created_by,
        )
        return _break(await self._insert(row))

    async def remove(self, community_id: str, break_id: int) -> None:
        statement = delete(CalendarBreakRow).where(
            CalendarBreakRow.community_id == community_id, CalendarBreakRow.id == break_id
        )
        await self._delete(statement)

    async def get(self, community_id: str, break_id: int) -> CalendarBreak | None:
        query = select(CalendarBreakRow).where(
            CalendarBreakRow.community_id == community_id, CalendarBreakRow.id == break_id
        )
        row = await self._one(query)
        return _break(row) if row else None

    async def list(self, community_id: str) -> Sequence[CalendarBreak]:
        """The community's breaks, community-wide and per team, by first day."""
        return [_break(row) for row in await self._all_of(_BREAKS, community_id=community_id)]


class SqlSentReminders(SqlRepository):
    async def claim(self, community_id: str, delivery_id: int, user_id: str, at: datetime) -> bool:
        """True the first time this person is reminded of this prompt; False after that."""
        values = {
            "community_id": community_id,
            "delivery_id": delivery_id,
            "user_id": user_id,
            "reminded_at": at,
        }
        try:
            await self._insert_values(SentReminderRow, values)
        except Conflict:
            return False
        return True
