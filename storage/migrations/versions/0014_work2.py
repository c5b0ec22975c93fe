"""A team's own reflection prompts: added by a facilitator to a stage, retired (never deleted)
so reflections written to one keep their prompt.

Revision ID: 0014_work2
Revises: 0012_rules
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_work2"
down_revision: str | None = "0012_rules"
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


def downgrade() -> None:
    op.drop_index("ix_team_prompts_community_id_team_id", table_name="team_prompts")
    op.drop_table("team_prompts")
