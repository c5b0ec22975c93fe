"""A session's agenda items and meeting roles (set before it opens, or while it is open),
the decisions written down in it, and the minutes kept when it closes.

Revision ID: 0016_minutes
Revises: 0015_proto
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0016_minutes"
down_revision: str | None = "0015_proto"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32
TABLES = ("agenda_items", "meeting_roles", "decisions", "session_minutes")


def _owned(table: str, *, session_required: bool) -> list[Any]:
    """The columns and keys every table here has: its community, team and session."""
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=not session_required),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f(f"fk_{table}_community_id_communities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "team_id"],
            ["teams.community_id", "teams.id"],
            name=op.f(f"fk_{table}_community_id_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "session_id"],
            ["sessions.community_id", "sessions.id"],
            name=op.f(f"fk_{table}_community_id_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "agenda_items",
        *_owned("agenda_items", session_required=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(ID), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "minutes BETWEEN 1 AND 240", name=op.f("ck_agenda_items_minutes_in_range")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "meeting_roles",
        *_owned("meeting_roles", session_required=False),
        sa.Column("role", sa.String(WORD), nullable=False),
        sa.Column("user_id", sa.String(ID), nullable=False),
        sa.Column("assigned_by", sa.String(ID), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "decisions",
        *_owned("decisions", session_required=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(ID), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "session_minutes",
        *_owned("session_minutes", session_required=True),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "community_id", "session_id", name=op.f("uq_session_minutes_community_id_session_id")
        ),
        sqlite_autoincrement=True,
    )
    for table in TABLES:
        op.create_index(
            op.f(f"ix_{table}_community_id_team_id"), table, ["community_id", "team_id"]
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_community_id_team_id"), table_name=table)
        op.drop_table(table)
