"""Platform deliveries already handled: Slack retries events, and a retry may reach another
worker. The claim is a row in the unit of work, so it commits or rolls back with the use case."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, insert

from bot.ports import Conflict
from storage.repository import SqlRepository
from storage.tables import ProcessedEventRow

# Built once: every command, click and event claims its key, and building an INSERT
# (with its cache key) per call cost more CPU than running it.
_CLAIM = insert(cast(Table, ProcessedEventRow.__table__))


class SqlProcessedEvents(SqlRepository):
    async def claim(self, community_id: str, key: str, at: datetime) -> bool:
        """True the first time the key is claimed in the community, False for a repeat. A
        concurrent claim of the same key waits for the first to commit or roll back."""
        values = {"community_id": community_id, "key": key, "claimed_at": at}
        try:
            # One Core statement: on SQLite a repeated key undoes only this statement, so no
            # SAVEPOINT; on PostgreSQL one of a fixed name (see _guarded).
            async with self._guarded(one_statement=True):
                await self._session.execute(_CLAIM, values)
        except Conflict:
            return False
        return True

    async def prune(self, before: datetime) -> int:
        """Forget claims older than `before`, in every community; how many were forgotten."""
        statement = delete(ProcessedEventRow).where(ProcessedEventRow.claimed_at < before)
        return await self._delete(statement)
