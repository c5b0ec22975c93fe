"""Data rights: when the bot was removed from a community, the audit log of reads, and one
answer per person per prompt.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Written out in full, like 0001; tests/storage checks it against storage/tables.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
WORD = 32

ONE_ANSWER = "uq_reflections_community_id_delivery_id_user_id"

# Before 0003 a person could answer one prompt twice. Keep every answer, but leave only the
# latest linked to the prompt (the one Reflections.find returned), so the index can be made.
_DETACH_OLDER_ANSWERS = """
UPDATE reflections SET delivery_id = NULL
WHERE delivery_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM reflections AS newer
    WHERE newer.community_id = reflections.community_id
      AND newer.delivery_id = reflections.delivery_id
      AND newer.user_id = reflections.user_id
      AND newer.id > reflections.id
)
"""


def upgrade() -> None:
    # Adding a nullable column needs no table copy on SQLite either.
    with op.batch_alter_table("communities") as batch:
        batch.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("reader_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.String(length=WORD), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id", "team_id"],
            ["teams.community_id", "teams.id"],
            name="fk_audit_log_community_id_team_id_teams",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name="fk_audit_log_community_id_communities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_community_id_team_id", "audit_log", ["community_id", "team_id"])
    op.create_index("ix_audit_log_community_id_at", "audit_log", ["community_id", "at"])
    op.execute(sa.text(_DETACH_OLDER_ANSWERS))
    predicate = sa.text("delivery_id IS NOT NULL")
    op.create_index(
        ONE_ANSWER,
        "reflections",
        ["community_id", "delivery_id", "user_id"],
        unique=True,
        postgresql_where=predicate,
        sqlite_where=predicate,
    )


def downgrade() -> None:
    op.drop_index(ONE_ANSWER, table_name="reflections")
    op.drop_table("audit_log")
    # Never a table copy here: on SQLite, with foreign keys on, dropping the old communities
    # table would cascade into every row of every community. ALTER TABLE DROP COLUMN needs
    # SQLite 3.35 or later; older ones fail here rather than lose data.
    with op.batch_alter_table("communities", recreate="never") as batch:
        batch.drop_column("removed_at")
