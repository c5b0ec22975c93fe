"""A team's own reflection prompts: added by a facilitator to a stage, retired (never deleted)
so reflections written to one keep their prompt. Attendance at sessions, apart from check-ins,
with a facilitator's sign-off.

Revision ID: 0014_work2
Revises: 0013_work
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_work2"
down_revision: str | None = "0013_work"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32


def upgrade() -> None:
    op.create_table(
        "team_prompts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=WORD), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name="fk_team_prompts_community_id_communities",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "team_id"],
            ["teams.community_id", "teams.id"],
            name="fk_team_prompts_community_id_team_id_teams",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_team_prompts"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_team_prompts_community_id_team_id", "team_prompts", ["community_id", "team_id"]
    )

    op.create_table(
        "attendances",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=ID), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("marked_by", sa.String(length=ID), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by", sa.String(length=ID), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name="fk_attendances_community_id_communities",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "team_id"],
            ["teams.community_id", "teams.id"],
            name="fk_attendances_community_id_team_id_teams",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "session_id"],
            ["sessions.community_id", "sessions.id"],
            name="fk_attendances_community_id_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attendances"),
        sa.UniqueConstraint(
            "community_id",
            "session_id",
            "user_id",
            name="uq_attendances_community_id_session_id_user_id",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_attendances_community_id_team_id", "attendances", ["community_id", "team_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_attendances_community_id_team_id", table_name="attendances")
    op.drop_table("attendances")
    op.drop_index("ix_team_prompts_community_id_team_id", table_name="team_prompts")
    op.drop_table("team_prompts")
