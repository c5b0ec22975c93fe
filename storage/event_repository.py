"""Platform deliveries already handled: Slack retries events, and a retry may reach another
worker. The claim is a row in the unit of work, so it commits or rolls back with the use case."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, delete, text
from sqlalchemy.exc import IntegrityError

from storage.direct import once
from storage.errors import is_foreign_key_violation
from storage.repository import SqlRepository
from storage.tables import ProcessedEventRow

# Built once: every command, click and event claims its key. A key claimed already inserts
# nothing (ON CONFLICT DO NOTHING: the same words in both databases), so the claim is one
# statement that no uniqueness rule can fail: it needs no SAVEPOINT, which on PostgreSQL cost
# two more round trips per request. Written as text, with the columns' types: SQLAlchemy never
# caches the compiled form of its dialects' INSERT ... ON CONFLICT (`inherit_cache = False`),
# so that construct was compiled anew on every request, a third of the claim's CPU.
_TABLE = cast(Table, ProcessedEventRow.__table__)
_CLAIM = once(
    text(
        "INSERT INTO processed_events (community_id, key, claimed_at)"
        " VALUES (:community_id, :key, :claimed_at) ON CONFLICT DO NOTHING"
    ).bindparams(
        *(
            bindparam(name, type_=_TABLE.c[name].type)
            for name in ("community_id", "key", "claimed_at")
        )
    )
)


class SqlProcessedEvents(SqlRepository):
    async def claim(self, community_id: str, key: str, at: datetime) -> bool:
        """True the first time the key is claimed in the community, False for a repeat. A
        concurrent claim of the same key waits for the first to commit (then False) or roll
        back (then True)."""
        values = {"community_id": community_id, "key": key, "claimed_at": at}
        try:
            ran = await self._run(_CLAIM, values)
        except IntegrityError as error:  # no such community: nothing else can fail it
            if is_foreign_key_violation(error):
                raise LookupError(f"not in this community: {error.orig}") from error
            raise
        return ran.rowcount == 1

    async def prune(self, before: datetime) -> int:
        """Forget claims older than `before`, in every community; how many were forgotten."""
        statement = delete(ProcessedEventRow).where(ProcessedEventRow.claimed_at < before)
        return await self._delete(statement)
