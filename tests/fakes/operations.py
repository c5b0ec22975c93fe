"""The fake repositories of pending withdrawals, processed events and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain import AuditEntry, PendingWithdrawal
from tests.fakes.state import Repo, by, not_before, stored, utc


class PendingWithdrawals(Repo):
    async def add(self, withdrawal: PendingWithdrawal) -> PendingWithdrawal:
        await self.uow.writing()
        withdrawal = stored(withdrawal)
        self.community_in(withdrawal.community_id)
        saved = replace(withdrawal, id=self.uow.next_id())
        self.s.withdrawals[saved.id] = saved
        return saved

    async def for_community(self, community_id: str) -> Sequence[PendingWithdrawal]:
        mine = (w for w in self.s.withdrawals.values() if w.community_id == community_id)
        return sorted(mine, key=by("id"))

    async def due(self, now: datetime, limit: int) -> Sequence[PendingWithdrawal]:
        now = utc(now)
        due = [w for w in self.s.withdrawals.values() if w.next_try_at <= now]
        return sorted(due, key=by("next_try_at", "id"))[:limit]

    async def done(self, community_id: str, withdrawal_id: int) -> None:
        await self.uow.writing()
        held = self.s.withdrawals.get(withdrawal_id)
        if held is not None and held.community_id == community_id:
            del self.s.withdrawals[withdrawal_id]

    async def retry_later(self, withdrawal: PendingWithdrawal) -> None:
        """Only the attempts and the next try change, as the SQL UPDATE sets."""
        await self.uow.writing()
        held = self.s.withdrawals.get(withdrawal.id)
        if held is not None and held.community_id == withdrawal.community_id:
            self.s.withdrawals[withdrawal.id] = replace(
                held, attempts=withdrawal.attempts, next_try_at=utc(withdrawal.next_try_at)
            )


class ProcessedEvents(Repo):
    async def claim(self, community_id: str, key: str, at: datetime) -> bool:
        """True the first time the key is claimed in the community, False for a repeat."""
        await self.uow.writing()
        at = utc(at)
        if (community_id, key) in self.s.events:
            return False
        self.s.events[(community_id, key)] = at
        return True

    async def prune(self, before: datetime) -> int:
        await self.uow.writing()
        before = utc(before)
        old = [k for k, at in self.s.events.items() if at < before]
        for k in old:
            del self.s.events[k]
        return len(old)


class AuditLog(Repo):
    """Kept in a list in the order written: the list's order is the rows' ids."""

    async def add(self, entry: AuditEntry) -> None:
        """Records one read; LookupError if the team is not in the entry's community."""
        await self.uow.writing()
        entry = stored(entry)
        self.community_in(entry.community_id)
        if entry.team_id is not None:
            self.team_in(entry.community_id, entry.team_id)
        self.s.audit.append(entry)

    async def list(self, community_id: str, since: datetime | None = None) -> Sequence[AuditEntry]:
        """The community's entries, oldest first (in the order written, for equal times)."""
        mine = [e for e in self.s.audit if e.community_id == community_id]
        return sorted(not_before(mine, "at", since), key=by("at"))

    async def newest(self, community_id: str, skip: int, limit: int) -> Sequence[AuditEntry]:
        """Newest first; for equal times, the latest written first."""
        mine = [e for e in self.s.audit if e.community_id == community_id]
        order = sorted(range(len(mine)), key=lambda n: (mine[n].at, n), reverse=True)
        return [mine[n] for n in order][skip : skip + limit]
