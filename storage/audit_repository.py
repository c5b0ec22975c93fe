"""The audit log: every facilitator's read of a team's reflections, every export, and every
admin granted from the server's command line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from bot.domain import AuditEntry
from storage.audit_table import AuditEntryRow
from storage.repository import SqlRepository
from storage.statements import inserting

_INSERT = inserting(AuditEntryRow)


def _entry(row: AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        community_id=row.community_id,
        reader_id=row.reader_id,
        team_id=row.team_id,
        what=row.what,
        count=row.count,
        at=row.at,
        subject_id=row.subject_id,
    )


class SqlAuditLog(SqlRepository):
    async def add(self, entry: AuditEntry) -> None:
        """Records one read; LookupError if the team is not in the entry's community."""
        values = {
            "community_id": entry.community_id,
            "reader_id": entry.reader_id,
            "team_id": entry.team_id,
            "what": entry.what,
            "count": entry.count,
            "at": entry.at,
            "subject_id": entry.subject_id,
        }
        await self._insert_row(_INSERT, values)

    async def list(self, community_id: str, since: datetime | None = None) -> Sequence[AuditEntry]:
        """The community's entries, oldest first (in the order written, for equal times)."""
        query = select(AuditEntryRow).where(AuditEntryRow.community_id == community_id)
        if since is not None:
            query = query.where(AuditEntryRow.at >= since)
        query = query.order_by(AuditEntryRow.at, AuditEntryRow.id)
        return [_entry(row) for row in await self._all(query)]

    async def newest(self, community_id: str, skip: int, limit: int) -> Sequence[AuditEntry]:
        """A page of the community's entries, newest first (the latest written first, for
        equal times); the (community_id, at) index serves it."""
        query = (
            select(AuditEntryRow)
            .where(AuditEntryRow.community_id == community_id)
            .order_by(AuditEntryRow.at.desc(), AuditEntryRow.id.desc())
            .offset(skip)
            .limit(limit)
        )
        return [_entry(row) for row in await self._all(query)]
