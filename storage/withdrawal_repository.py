"""Posts of shared reflections still to be withdrawn (the platform refused the edit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, delete, select, update

from bot.domain import MessageRef, PendingWithdrawal
from storage.repository import SqlRepository
from storage.statements import inserting, prepared
from storage.withdrawal_table import PendingWithdrawalRow

_INSERT = inserting(PendingWithdrawalRow)


@cache
def _due(limit: int) -> Select[tuple[PendingWithdrawalRow]]:
    """Built once per limit (the retrier's one batch size): it asks at every tick."""
    return prepared(
        select(PendingWithdrawalRow)
        .where(PendingWithdrawalRow.next_try_at <= bindparam("now"))
        .order_by(PendingWithdrawalRow.next_try_at, PendingWithdrawalRow.id)
        .limit(limit)
    )


def _withdrawal(row: PendingWithdrawalRow) -> PendingWithdrawal:
    return PendingWithdrawal(
        community_id=row.community_id,
        ref=MessageRef(row.channel_id, row.message_id),
        next_try_at=row.next_try_at,
        attempts=row.attempts,
        id=row.id,
    )


class SqlPendingWithdrawals(SqlRepository):
    async def add(self, withdrawal: PendingWithdrawal) -> PendingWithdrawal:
        values = {
            "community_id": withdrawal.community_id,
            "channel_id": withdrawal.ref.channel_id,
            "message_id": withdrawal.ref.message_id,
            "attempts": withdrawal.attempts,
            "next_try_at": withdrawal.next_try_at,
            "created_at": withdrawal.next_try_at,
        }
        return replace(withdrawal, id=await self._insert_row(_INSERT, values))

    async def for_community(self, community_id: str) -> Sequence[PendingWithdrawal]:
        query = (
            select(PendingWithdrawalRow)
            .where(PendingWithdrawalRow.community_id == community_id)
            .order_by(PendingWithdrawalRow.id)
        )
        return [_withdrawal(row) for row in await self._all(query)]

    async def due(self, now: datetime, limit: int) -> Sequence[PendingWithdrawal]:
        return [_withdrawal(row) for row in await self._all_of(_due(limit), now=now)]

    async def done(self, community_id: str, withdrawal_id: int) -> None:
        await self._delete(
            delete(PendingWithdrawalRow).where(
                PendingWithdrawalRow.community_id == community_id,
                PendingWithdrawalRow.id == withdrawal_id,
            )
        )

    async def retry_later(self, withdrawal: PendingWithdrawal) -> None:
        await self._delete(
            update(PendingWithdrawalRow)
            .where(
                PendingWithdrawalRow.community_id == withdrawal.community_id,
                PendingWithdrawalRow.id == withdrawal.id,
            )
            .values(attempts=withdrawal.attempts, next_try_at=withdrawal.next_try_at)
        )
