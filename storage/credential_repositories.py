"""Micro-credential portfolios, their evidence and reviewer comments (bot.credential_ports)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import bindparam, delete, func, select, update

from bot.credentials import Comment, Evidence, EvidenceKind, Portfolio
from storage.credential_tables import PortfolioCommentRow, PortfolioEvidenceRow, PortfolioRow
from storage.repository import SqlRepository
from storage.statements import inserting, prepared, whole

# What a portfolio's page and its evidence read and write at each step, built once.
_PORTFOLIO = prepared(
    select(PortfolioRow).where(
        PortfolioRow.community_id == bindparam("community_id"),
        PortfolioRow.user_id == bindparam("user_id"),
        PortfolioRow.credential_id == bindparam("credential_id"),
    )
)
_EVIDENCE = whole(  # with each file's bytes
    select(PortfolioEvidenceRow)
    .where(
        PortfolioEvidenceRow.community_id == bindparam("community_id"),
        PortfolioEvidenceRow.portfolio_id == bindparam("portfolio_id"),
    )
    .order_by(PortfolioEvidenceRow.created_at, PortfolioEvidenceRow.id)
)
_COMMENTS = whole(
    select(PortfolioCommentRow)
    .where(
        PortfolioCommentRow.community_id == bindparam("community_id"),
        PortfolioCommentRow.portfolio_id == bindparam("portfolio_id"),
    )
    .order_by(PortfolioCommentRow.created_at, PortfolioCommentRow.id)
)
_INSERT_PORTFOLIO, _INSERT_EVIDENCE = inserting(PortfolioRow), inserting(PortfolioEvidenceRow)
_INSERT_COMMENT = inserting(PortfolioCommentRow)


def _portfolio(row: PortfolioRow) -> Portfolio:
    return Portfolio(
        id=row.id,
        community_id=row.community_id,
        user_id=row.user_id,
        credential_id=row.credential_id,
        started_at=row.started_at,
        reviewer_id=row.reviewer_id,
        shared_at=row.shared_at,
    )


def _evidence(row: PortfolioEvidenceRow) -> Evidence:
    return Evidence(
        id=row.id,
        community_id=row.community_id,
        portfolio_id=row.portfolio_id,
        user_id=row.user_id,
        part_id=row.part_id,
        kind=EvidenceKind(row.kind),
        created_at=row.created_at,
        text=row.text,
        reflection_id=row.reflection_id,
        file_name=row.file_name,
        file_type=row.file_type,
        file_size=row.file_size,
        content=row.content,
        confirmed=row.confirmed,
    )


def _comment(row: PortfolioCommentRow) -> Comment:
    return Comment(
        id=row.id,
        community_id=row.community_id,
        portfolio_id=row.portfolio_id,
        user_id=row.user_id,
        reviewer_id=row.reviewer_id,
        part_id=row.part_id,
        text=row.text,
        created_at=row.created_at,
    )


class SqlPortfolios(SqlRepository):
    async def start(self, portfolio: Portfolio) -> Portfolio:
        values = {
            "community_id": portfolio.community_id,
            "user_id": portfolio.user_id,
            "credential_id": portfolio.credential_id,
            "started_at": portfolio.started_at,
            "reviewer_id": portfolio.reviewer_id,
            "shared_at": portfolio.shared_at,
        }
        return replace(portfolio, id=await self._insert_row(_INSERT_PORTFOLIO, values))

    async def get(self, community_id: str, user_id: str, credential_id: str) -> Portfolio | None:
        row = await self._one_of(
            _PORTFOLIO, community_id=community_id, user_id=user_id, credential_id=credential_id
        )
        return _portfolio(row) if row else None

    async def of_user(self, community_id: str, user_id: str) -> Sequence[Portfolio]:
        query = (
            select(PortfolioRow)
            .where(PortfolioRow.community_id == community_id, PortfolioRow.user_id == user_id)
            .order_by(PortfolioRow.started_at, PortfolioRow.id)
        )
        return [_portfolio(r) for r in await self._all(query)]

    async def save(self, portfolio: Portfolio) -> None:
        statement = (
            update(PortfolioRow)
            .where(
                PortfolioRow.community_id == portfolio.community_id,
                PortfolioRow.id == portfolio.id,
            )
            .values(reviewer_id=portfolio.reviewer_id, shared_at=portfolio.shared_at)
        )
        await self._update(statement, f"no portfolio {portfolio.id}")

    async def counts(self, community_id: str) -> Mapping[str, int]:
        query = (
            select(PortfolioRow.credential_id, func.count())
            .where(PortfolioRow.community_id == community_id)
            .group_by(PortfolioRow.credential_id)
        )
        result = await self._session.execute(query)
        return {credential: int(n) for credential, n in result.tuples().all()}

    async def grown_since(self, community_id: str, user_ids: Sequence[str], since: datetime) -> int:
        e = PortfolioEvidenceRow
        query = select(func.count(func.distinct(e.portfolio_id))).where(
            e.community_id == community_id,
            e.user_id.in_(list(user_ids)),
            e.confirmed.is_(True),
            e.created_at >= since,
        )
        result = await self._session.execute(query)
        return int(result.scalar() or 0)

    async def add_evidence(self, evidence: Evidence) -> Evidence:
        values = {
            "community_id": evidence.community_id,
            "portfolio_id": evidence.portfolio_id,
            "user_id": evidence.user_id,
            "part_id": evidence.part_id,
            "kind": evidence.kind.value,
            "text": evidence.text,
            "reflection_id": evidence.reflection_id,
            "file_name": evidence.file_name,
            "file_type": evidence.file_type,
            "file_size": evidence.file_size,
            "content": evidence.content,
            "confirmed": evidence.confirmed,
            "created_at": evidence.created_at,
        }
        return replace(evidence, id=await self._insert_row(_INSERT_EVIDENCE, values))

    async def get_evidence(self, community_id: str, evidence_id: int) -> Evidence | None:
        query = select(PortfolioEvidenceRow).where(
            PortfolioEvidenceRow.community_id == community_id,
            PortfolioEvidenceRow.id == evidence_id,
        )
        row = await self._one(query)
        return _evidence(row) if row else None

    async def confirm_evidence(self, community_id: str, evidence_id: int) -> None:
        statement = (
            update(PortfolioEvidenceRow)
            .where(
                PortfolioEvidenceRow.community_id == community_id,
                PortfolioEvidenceRow.id == evidence_id,
            )
            .values(confirmed=True)
        )
        await self._update(statement, f"no evidence {evidence_id}")

    async def remove_evidence(self, community_id: str, evidence_id: int) -> None:
        await self._delete(
            delete(PortfolioEvidenceRow).where(
                PortfolioEvidenceRow.community_id == community_id,
                PortfolioEvidenceRow.id == evidence_id,
            )
        )

    async def evidence(self, community_id: str, portfolio_id: int) -> Sequence[Evidence]:
        rows = await self._all_of(_EVIDENCE, community_id=community_id, portfolio_id=portfolio_id)
        return [_evidence(r) for r in rows]

    async def add_comment(self, comment: Comment) -> Comment:
        values = {
            "community_id": comment.community_id,
            "portfolio_id": comment.portfolio_id,
            "user_id": comment.user_id,
            "reviewer_id": comment.reviewer_id,
            "part_id": comment.part_id,
            "text": comment.text,
            "created_at": comment.created_at,
        }
        return replace(comment, id=await self._insert_row(_INSERT_COMMENT, values))

    async def comments(self, community_id: str, portfolio_id: int) -> Sequence[Comment]:
        rows = await self._all_of(_COMMENTS, community_id=community_id, portfolio_id=portfolio_id)
        return [_comment(r) for r in rows]
