"""Attendance at sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update

from bot.attendance import Attendance
from storage.record_tables import AttendanceRow
from storage.repository import SqlRepository


def _attendance(row: AttendanceRow) -> Attendance:
    return Attendance(
        community_id=row.community_id,
        team_id=row.team_id,
        session_id=row.session_id,
        user_id=row.user_id,
        marked_at=row.marked_at,
        marked_by=row.marked_by,
        confirmed_at=row.confirmed_at,
        confirmed_by=row.confirmed_by,
    )


class SqlAttendances(SqlRepository):
    async def mark(self, attendance: Attendance) -> bool:
        held = await self._one(
            select(AttendanceRow).where(
                AttendanceRow.community_id == attendance.community_id,
                AttendanceRow.session_id == attendance.session_id,
                AttendanceRow.user_id == attendance.user_id,
            )
        )
        if held is not None:
            return False
        row = AttendanceRow(
            community_id=attendance.community_id,
            team_id=attendance.team_id,
            session_id=attendance.session_id,
            user_id=attendance.user_id,
            marked_at=attendance.marked_at,
            marked_by=attendance.marked_by,
            confirmed_at=attendance.confirmed_at,
            confirmed_by=attendance.confirmed_by,
        )
        async with self._guarded():
            self._session.add(row)
        return True

    async def for_session(self, community_id: str, session_id: int) -> Sequence[Attendance]:
        query = (
            select(AttendanceRow)
            .where(
                AttendanceRow.community_id == community_id,
                AttendanceRow.session_id == session_id,
            )
            .order_by(AttendanceRow.id)
        )
        return [_attendance(row) for row in await self._all_of(query)]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[Attendance]:
        query = (
            select(AttendanceRow)
            .where(AttendanceRow.community_id == community_id, AttendanceRow.user_id == user_id)
            .order_by(AttendanceRow.id)
        )
        return [_attendance(row) for row in await self._all_of(query)]

    async def confirm(self, community_id: str, session_id: int, by: str, at: datetime) -> int:
        return await self._delete(
            update(AttendanceRow)
            .where(
                AttendanceRow.community_id == community_id,
                AttendanceRow.session_id == session_id,
                AttendanceRow.confirmed_at.is_(None),
            )
            .values(confirmed_at=at, confirmed_by=by)
        )
