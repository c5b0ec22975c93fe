"""Protocol runs: a team's run of a protocol from the library, the steps it reached (with
their timers) and the notes taken in each step.

Revision ID: 0015_proto
Revises: 0014_work2
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_proto"
down_revision: str | None = "0014_work2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32
NAME = 100
RUNNING = "ended_at IS NULL"


def _community(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["community_id"],
        ["communities.id"],
        name=f"fk_{table}_community_id_communities",
        ondelete="CASCADE",
    )


def _runs() -> None:
    op.create_table(
        "protocol_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("protocol_id", sa.String(length=NAME), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=WORD), nullable=False),
        sa.Column("started_by", sa.String(length=ID), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        _community("protocol_runs"),
        sa.ForeignKeyConstraint(
            ["community_id", "team_id"],
            ["teams.community_id", "teams.id"],
            name="fk_protocol_runs_community_id_team_id_teams",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id", "session_id"],
            ["sessions.community_id", "sessions.id"],
            name="fk_protocol_runs_community_id_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_protocol_runs"),
        sa.UniqueConstraint("community_id", "id", name="uq_protocol_runs_community_id_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_protocol_runs_community_id_team_id", "protocol_runs", ["community_id", "team_id"]
    )
    op.create_index(
        "uq_protocol_runs_running_team_id",
        "protocol_runs",
        ["team_id"],
        unique=True,
        postgresql_where=sa.text(RUNNING),
        sqlite_where=sa.text(RUNNING),
    )


def _steps() -> None:
    op.create_table(
        "protocol_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended", sa.String(length=WORD), nullable=True),
        sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True),
        _community("protocol_steps"),
        sa.ForeignKeyConstraint(
            ["community_id", "run_id"],
            ["protocol_runs.community_id", "protocol_runs.id"],
            name="fk_protocol_steps_community_id_run_id_protocol_runs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_protocol_steps"),
        sa.UniqueConstraint(
            "community_id",
            "run_id",
            "position",
            name="uq_protocol_steps_community_id_run_id_position",
        ),
        sa.UniqueConstraint("community_id", "id", name="uq_protocol_steps_community_id_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_protocol_steps_due",
        "protocol_steps",
        ["ends_at"],
        postgresql_where=sa.text(RUNNING),
        sqlite_where=sa.text(RUNNING),
    )


def _notes() -> None:
    op.create_table(
        "protocol_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=ID), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _community("protocol_notes"),
        sa.ForeignKeyConstraint(
            ["community_id", "step_id"],
            ["protocol_steps.community_id", "protocol_steps.id"],
            name="fk_protocol_notes_community_id_step_id_protocol_steps",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_protocol_notes"),
    )
    op.create_index(
        "ix_protocol_notes_community_id_run_id", "protocol_notes", ["community_id", "run_id"]
    )
    op.create_index(
        "ix_protocol_notes_community_id_user_id", "protocol_notes", ["community_id", "user_id"]
    )


def upgrade() -> None:
    _runs()
    _steps()
    _notes()


def downgrade() -> None:
    op.drop_index("ix_protocol_notes_community_id_user_id", table_name="protocol_notes")
    op.drop_index("ix_protocol_notes_community_id_run_id", table_name="protocol_notes")
    op.drop_table("protocol_notes")
    op.drop_index("ix_protocol_steps_due", table_name="protocol_steps")
    op.drop_table("protocol_steps")
    op.drop_index("uq_protocol_runs_running_team_id", table_name="protocol_runs")
    op.drop_index("ix_protocol_runs_community_id_team_id", table_name="protocol_runs")
    op.drop_table("protocol_runs")
