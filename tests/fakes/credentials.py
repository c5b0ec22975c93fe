"""In-memory micro-credential portfolios (bot.credential_ports) for the FakeStore."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.credentials import Comment, Evidence, Portfolio
from bot.ports import Conflict


class FakePortfolios:
    def __init__(self, uow: Any) -> None:
        self.uow = uow

    @property
    def s(self) -> Any:
        return self.uow.state

    async def start(self, portfolio: Portfolio) -> Portfolio:
        await self.uow.writing()
        key = (portfolio.community_id, portfolio.user_id, portfolio.credential_id)
        if any(
            (p.community_id, p.user_id, p.credential_id) == key for p in self.s.portfolios.values()
        ):
            raise Conflict("portfolio exists")
        stored = replace(portfolio, id=self.uow.next_id())
        self.s.portfolios[stored.id] = stored
        return stored

    async def get(self, community_id: str, user_id: str, credential_id: str) -> Portfolio | None:
        key = (community_id, user_id, credential_id)
        return next(
            (
                p
                for p in self.s.portfolios.values()
                if (p.community_id, p.user_id, p.credential_id) == key
            ),
            None,
        )

    async def of_user(self, community_id: str, user_id: str) -> Sequence[Portfolio]:
        mine = [
            p
            for p in self.s.portfolios.values()
            if p.community_id == community_id and p.user_id == user_id
        ]
        return sorted(mine, key=lambda p: (p.started_at, p.id))

    async def save(self, portfolio: Portfolio) -> None:
        await self.uow.writing()
        held = self.s.portfolios.get(portfolio.id)
        if held is None or held.community_id != portfolio.community_id:
            raise LookupError(f"no portfolio {portfolio.id}")
        self.s.portfolios[portfolio.id] = replace(
            held, reviewer_id=portfolio.reviewer_id, shared_at=portfolio.shared_at
        )

    async def counts(self, community_id: str) -> Mapping[str, int]:
        return Counter(
            p.credential_id for p in self.s.portfolios.values() if p.community_id == community_id
        )

    async def add_evidence(self, evidence: Evidence) -> Evidence:
        await self.uow.writing()
        stored = replace(evidence, id=self.uow.next_id())
        self.s.evidence[stored.id] = stored
        return stored

    async def get_evidence(self, community_id: str, evidence_id: int) -> Evidence | None:
        held: Evidence | None = self.s.evidence.get(evidence_id)
        return held if held and held.community_id == community_id else None

    async def confirm_evidence(self, community_id: str, evidence_id: int) -> None:
        await self.uow.writing()
        held = await self.get_evidence(community_id, evidence_id)
        if held is None:
            raise LookupError(f"no evidence {evidence_id}")
        self.s.evidence[evidence_id] = replace(held, confirmed=True)

    async def remove_evidence(self, community_id: str, evidence_id: int) -> None:
        await self.uow.writing()
        if await self.get_evidence(community_id, evidence_id):
            del self.s.evidence[evidence_id]

    async def grown_since(self, community_id: str, user_ids: Sequence[str], since: datetime) -> int:
        grown = {
            e.portfolio_id
            for e in self.s.evidence.values()
            if e.community_id == community_id
            and e.user_id in user_ids
            and e.confirmed
            and e.created_at >= since
        }
        return len(grown)

    async def evidence(self, community_id: str, portfolio_id: int) -> Sequence[Evidence]:
        found = [
            e
            for e in self.s.evidence.values()
            if e.community_id == community_id and e.portfolio_id == portfolio_id
        ]
        return sorted(found, key=lambda e: (e.created_at, e.id))

    async def add_comment(self, comment: Comment) -> Comment:
        await self.uow.writing()
        stored = replace(comment, id=self.uow.next_id())
        self.s.comments[stored.id] = stored
        return stored

    async def comments(self, community_id: str, portfolio_id: int) -> Sequence[Comment]:
        found = [
            c
            for c in self.s.comments.values()
            if c.community_id == community_id and c.portfolio_id == portfolio_id
        ]
        return sorted(found, key=lambda c: (c.created_at, c.id))


def forget_portfolios(s: Any, community_id: str, user_id: str, counts: dict[str, int]) -> None:
    """The person's portfolios with their evidence and comments go; as a reviewer, their id is
    kept as "forgotten" (the SQL repository's order of tables)."""

    def mine(x: Any) -> bool:
        return bool(x.community_id == community_id and x.user_id == user_id)

    for name, table in (
        ("portfolio_comments", s.comments),
        ("portfolio_evidence", s.evidence),
        ("portfolios", s.portfolios),
    ):
        gone = [k for k, v in table.items() if mine(v)]
        for k in gone:
            del table[k]
        counts[name] = len(gone)
    for table in (s.portfolios, s.comments):
        for k, v in list(table.items()):
            if v.community_id == community_id and v.reviewer_id == user_id:
                table[k] = replace(v, reviewer_id="forgotten")
                counts["anonymised"] = counts.get("anonymised", 0) + 1


def purge_portfolios(s: Any, community_id: str, counts: dict[str, int]) -> None:
    for name, table in (
        ("portfolio_comments", s.comments),
        ("portfolio_evidence", s.evidence),
        ("portfolios", s.portfolios),
    ):
        gone = [k for k, v in table.items() if v.community_id == community_id]
        for k in gone:
            del table[k]
        counts[name] = len(gone)
