"""Micro-credential portfolios: a teacher's portfolio per micro-credential, the evidence on
its parts (files' bytes included, at most 10 MB each) and the comments of the reviewer it was
shared with.

Revision ID: 0020_creds
Revises: 0016_minutes
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0020_creds"
down_revision: str | None = "0016_minutes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32
KEY = 64


def _community(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["community_id"],
        ["communities.id"],
        name=f"fk_{table}_community_id_communities",
        ondelete="CASCADE",
    )


def _of_portfolio(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["community_id", "portfolio_id"],
        ["portfolios.community_id", "portfolios.id"],
        name=f"fk_{table}_community_id_portfolio_id_portfolios",
        ondelete="CASCADE",
    )


def _portfolio_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=ID), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "portfolios",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("user_id", sa.String(length=ID), nullable=False),
        sa.Column("credential_id", sa.String(length=KEY), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewer_id", sa.String(length=ID), nullable=True),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        _community("portfolios"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolios"),
        sa.UniqueConstraint(
            "community_id",
            "user_id",
            "credential_id",
            name="uq_portfolios_community_id_user_id_credential_id",
        ),
        sa.UniqueConstraint("community_id", "id", name="uq_portfolios_community_id_id"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "portfolio_evidence",
        *_portfolio_columns(),
        sa.Column("part_id", sa.String(length=KEY), nullable=False),
        sa.Column("kind", sa.String(length=WORD), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reflection_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_type", sa.String(length=128), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _community("portfolio_evidence"),
        _of_portfolio("portfolio_evidence"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_evidence"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "portfolio_comments",
        *_portfolio_columns(),
        sa.Column("reviewer_id", sa.String(length=ID), nullable=False),
        sa.Column("part_id", sa.String(length=KEY), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _community("portfolio_comments"),
        _of_portfolio("portfolio_comments"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_comments"),
        sqlite_autoincrement=True,
    )
    for table in ("portfolio_evidence", "portfolio_comments"):
        op.create_index(
            f"ix_{table}_community_id_portfolio_id", table, ["community_id", "portfolio_id"]
        )


def downgrade() -> None:
    for table in ("portfolio_comments", "portfolio_evidence"):
        op.drop_index(f"ix_{table}_community_id_portfolio_id", table_name=table)
        op.drop_table(table)
    op.drop_table("portfolios")
