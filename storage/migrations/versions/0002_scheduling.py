"""The scheduler: schedules, their runs (exactly-once claims), calendar breaks, reminders.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Written out in full, like 0001; tests/storage checks it against storage/schedule_tables.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32


def _when(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _of_community(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["community_id"],
        ["communities.id"],
        name=f"fk_{table}_community_id_communities",
        ondelete="CASCADE",
    )


def _of_team(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["community_id", "team_id"],
        ["teams.community_id", "teams.id"],
        name=f"fk_{table}_community_id_team_id_teams",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "schedules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=WORD), nullable=False),
        sa.Column("when", sa.Text(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=ID), nullable=False),
        _when("created_at"),
        _when("next_fire_at", nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("after_hours", sa.Integer(), nullable=True),
        _of_team("schedules"),
        _of_community("schedules"),
        sa.PrimaryKeyConstraint("id", name="pk_schedules"),
        sa.UniqueConstraint("community_id", "id", name="uq_schedules_community_id_id"),
    )
    op.create_index("ix_schedules_community_id_team_id", "schedules", ["community_id", "team_id"])
    op.create_index("ix_schedules_next_fire_at", "schedules", ["next_fire_at"])
    op.create_table(
        "schedule_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        _when("fire_at"),
        sa.Column("state", sa.String(length=WORD), nullable=False),
        _when("claimed_at"),
        _when("finished_at", nullable=True),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id", "schedule_id"],
            ["schedules.community_id", "schedules.id"],
            name="fk_schedule_runs_community_id_schedule_id_schedules",
            ondelete="CASCADE",
        ),
        _of_community("schedule_runs"),
        sa.PrimaryKeyConstraint("id", name="pk_schedule_runs"),
        sa.UniqueConstraint("schedule_id", "fire_at", name="uq_schedule_runs_schedule_id_fire_at"),
    )
    op.create_index(
        "ix_schedule_runs_community_id_state", "schedule_runs", ["community_id", "state"]
    )
    op.create_table(
        "calendar_breaks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),  # null: the whole community
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=ID), nullable=False),
        _of_team("calendar_breaks"),
        _of_community("calendar_breaks"),
        sa.PrimaryKeyConstraint("id", name="pk_calendar_breaks"),
    )
    op.create_index(
        "ix_calendar_breaks_community_id_team_id", "calendar_breaks", ["community_id", "team_id"]
    )
    op.create_table(
        "sent_reminders",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=ID), nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        _when("reminded_at"),
        sa.ForeignKeyConstraint(
            ["community_id", "delivery_id"],
            ["prompt_deliveries.community_id", "prompt_deliveries.id"],
            name="fk_sent_reminders_community_id_delivery_id_prompt_deliveries",
            ondelete="CASCADE",
        ),
        _of_community("sent_reminders"),
        sa.PrimaryKeyConstraint("delivery_id", "user_id", name="pk_sent_reminders"),
    )
    op.create_index("ix_sent_reminders_community_id", "sent_reminders", ["community_id"])


def downgrade() -> None:
    for table in ("sent_reminders", "calendar_breaks", "schedule_runs", "schedules"):
        op.drop_table(table)
