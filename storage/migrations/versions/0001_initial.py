"""The initial schema: communities, members, teams and everything a team keeps; the
platform events already handled.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Written out in full (not importing storage.tables or storage.coltypes), so this history does
not move when the models do. tests/storage checks it against storage/tables.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32


def _serial() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _text(name: str, length: int | None = ID, *, nullable: bool = False) -> sa.Column[str]:
    kind = sa.String(length=length) if length else sa.Text()
    return sa.Column(name, kind, nullable=nullable)


def _int(name: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=nullable)


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


def _of_session(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["community_id", "session_id"],
        ["sessions.community_id", "sessions.id"],
        name=f"fk_{table}_community_id_session_id_sessions",
        ondelete="CASCADE",
    )


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=False)


def _partial_unique(name: str, table: str, columns: list[str], where: str) -> None:
    predicate = sa.text(where)
    op.create_index(
        name, table, columns, unique=True, postgresql_where=predicate, sqlite_where=predicate
    )


def upgrade() -> None:
    op.create_table(
        "communities",
        _text("id"),
        _text("platform", WORD),
        _text("external_id"),
        _when("created_at"),
        _int("retention_days", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_communities"),
    )
    op.create_table(
        "members",
        _text("community_id"),
        _text("user_id"),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("reminders", sa.Boolean(), nullable=False),
        _when("joined_at", nullable=True),
        _of_community("members"),
        sa.PrimaryKeyConstraint("community_id", "user_id", name="pk_members"),
    )
    op.create_table(
        "teams",
        _serial(),
        _text("community_id"),
        _text("channel_id"),
        _text("name", None),
        _text("timezone", 64),
        _text("language", WORD),
        _text("stage", WORD),
        _int("cycle"),
        _when("stage_started_at"),
        _when("created_at"),
        _text("created_by"),
        _text("norms", None, nullable=True),  # a JSON list of strings
        _of_community("teams"),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
        sa.UniqueConstraint("community_id", "channel_id", name="uq_teams_community_id_channel_id"),
        sa.UniqueConstraint("community_id", "id", name="uq_teams_community_id_id"),
    )
    op.create_table(
        "team_roles",
        _int("team_id"),
        _text("user_id"),
        _text("community_id"),
        _text("role", WORD),
        _of_team("team_roles"),
        _of_community("team_roles"),
        sa.PrimaryKeyConstraint("team_id", "user_id", name="pk_team_roles"),
    )
    _index("team_roles", "community_id", "team_id")
    op.create_table(
        "stage_changes",
        _serial(),
        _text("community_id"),
        _int("team_id"),
        _int("cycle"),
        _text("stage", WORD),
        _when("started_at"),
        _text("changed_by", nullable=True),
        _of_team("stage_changes"),
        _of_community("stage_changes"),
        sa.PrimaryKeyConstraint("id", name="pk_stage_changes"),
    )
    _index("stage_changes", "community_id", "team_id")
    op.create_table(
        "sessions",
        _serial(),
        _text("community_id"),
        _int("team_id"),
        _text("topic", None),
        _text("stage", WORD),
        _text("opened_by"),
        _when("opened_at"),
        _when("closed_at", nullable=True),
        _of_team("sessions"),
        _of_community("sessions"),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("community_id", "id", name="uq_sessions_community_id_id"),
    )
    _index("sessions", "community_id", "team_id")
    _partial_unique("uq_sessions_open_team_id", "sessions", ["team_id"], "closed_at IS NULL")
    op.create_table(
        "checkins",
        _serial(),
        _text("community_id"),
        _int("team_id"),
        _int("session_id", nullable=True),
        _text("user_id"),
        _int("score"),
        _text("word", None, nullable=True),
        _when("at"),
        _of_session("checkins"),
        _of_team("checkins"),
        _of_community("checkins"),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
    )
    _index("checkins", "community_id", "team_id")
    _partial_unique(
        "uq_checkins_session_id_user_id",
        "checkins",
        ["session_id", "user_id"],
        "session_id IS NOT NULL",
    )
    op.create_table(
        "prompt_deliveries",
        _serial(),
        _text("community_id"),
        _int("team_id"),
        _text("prompt_id"),
        _text("stage", WORD),
        _when("sent_at"),
        _int("session_id", nullable=True),
        _text("kind", WORD),
        _of_team("prompt_deliveries"),
        _of_community("prompt_deliveries"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_prompt_deliveries_session_id_sessions",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_prompt_deliveries"),
        sa.UniqueConstraint("community_id", "id", name="uq_prompt_deliveries_community_id_id"),
    )
    _index("prompt_deliveries", "community_id", "team_id")
    _index("prompt_deliveries", "session_id")
    op.create_table(
        "reflections",
        _serial(),
        _text("community_id"),
        _int("team_id"),
        _text("user_id"),
        _text("text", None),
        _text("visibility", WORD),
        _when("created_at"),
        _int("delivery_id", nullable=True),
        _when("edited_at", nullable=True),
        _of_team("reflections"),
        _of_community("reflections"),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["prompt_deliveries.id"],
            name="fk_reflections_delivery_id_prompt_deliveries",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reflections"),
    )
    _index("reflections", "community_id", "team_id")
    _index("reflections", "community_id", "user_id")
    _index("reflections", "delivery_id")
    op.create_table(
        "pulse_answers",
        _int("session_id"),
        _text("user_id"),
        _text("community_id"),
        _int("relevant", nullable=True),
        sa.Column("recommend", sa.Boolean(), nullable=True),
        _of_session("pulse_answers"),
        _of_community("pulse_answers"),
        sa.PrimaryKeyConstraint("session_id", "user_id", name="pk_pulse_answers"),
    )
    _index("pulse_answers", "community_id")
    op.create_table(
        "posted_messages",
        _serial(),
        _text("community_id"),
        _text("kind", WORD),
        _int("subject_id"),
        _text("channel_id"),
        _text("message_id"),
        _text("user_id", nullable=True),
        _when("posted_at", nullable=True),
        _of_community("posted_messages"),
        sa.PrimaryKeyConstraint("id", name="pk_posted_messages"),
    )
    _index("posted_messages", "community_id", "channel_id", "message_id")
    _index("posted_messages", "community_id", "kind", "subject_id")
    _index("posted_messages", "community_id", "user_id", "kind")
    # No foreign key: an event is claimed before its community's row may exist.
    op.create_table(
        "processed_events",
        _text("community_id"),
        _text("key", 255),
        _when("claimed_at"),
        sa.PrimaryKeyConstraint("community_id", "key", name="pk_processed_events"),
    )
    _index("processed_events", "claimed_at")


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes.
    for table in (
        "processed_events",
        "posted_messages",
        "pulse_answers",
        "reflections",
        "prompt_deliveries",
        "checkins",
        "sessions",
        "stage_changes",
        "team_roles",
        "teams",
        "members",
        "communities",
    ):
        op.drop_table(table)
