"""The team's work products: a cycle's record (need, goal, designs, commitments, evidence)
and action items with their reminders (claimed once each, like a schedule's run).

Revision ID: 0013_work
Revises: 0012_rules

Written out in full (not importing storage.tables or storage.coltypes), like 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013_work"
down_revision: str | None = "0012_fricb"  # re-chained after 0012_fricb
branch_labels = None
depends_on = None


def _of_team(table: str) -> tuple[sa.ForeignKeyConstraint, ...]:
    return (
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
    )


def upgrade() -> None:
    op.create_table(
        "cycle_entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("community_id", sa.String(128), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.String(128), nullable=True),
        sa.Column("written_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *_of_team("cycle_entries"),
        sa.CheckConstraint(
            "percent BETWEEN 0 AND 100", name=op.f("ck_cycle_entries_percent_in_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_entries")),
    )
    op.create_index(
        op.f("ix_cycle_entries_community_id_team_id"), "cycle_entries", ["community_id", "team_id"]
    )
    op.create_index(
        op.f("ix_cycle_entries_community_id_user_id"), "cycle_entries", ["community_id", "user_id"]
    )
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("community_id", sa.String(128), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(128), nullable=True),
        *_of_team("action_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_items")),
        sa.UniqueConstraint("community_id", "id", name=op.f("uq_action_items_community_id_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_action_items_community_id_team_id"), "action_items", ["community_id", "team_id"]
    )
    op.create_index(
        op.f("ix_action_items_community_id_user_id"), "action_items", ["community_id", "user_id"]
    )
    op.create_index(op.f("ix_action_items_status_due_on"), "action_items", ["status", "due_on"])
    op.create_table(
        "action_reminders",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("community_id", sa.String(128), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_action_reminders_community_id_communities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "item_id"],
            ["action_items.community_id", "action_items.id"],
            name=op.f("fk_action_reminders_community_id_item_id_action_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "kind", name=op.f("pk_action_reminders")),
    )
    op.create_index(op.f("ix_action_reminders_community_id"), "action_reminders", ["community_id"])


def downgrade() -> None:
    op.drop_table("action_reminders")
    op.drop_table("action_items")
    op.drop_table("cycle_entries")
