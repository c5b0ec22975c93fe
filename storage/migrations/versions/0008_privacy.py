"""Privacy: ids that posts and buttons carry are never reused, and shared reflections whose
withdrawal the platform refused are kept until it lands.

On SQLite the tables of sessions, prompts sent and reflections are copied into ones declared
AUTOINCREMENT (a plain rowid table gives the highest id again once it is deleted, so a record
of an old post pointed at a new reflection). storage.migrate turns SQLite's foreign keys off
while it migrates, as SQLite's own procedure for such a copy says, and checks them after.
PostgreSQL's identities never reuse a value: nothing to do there.

Revision ID: 0008_privacy
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0008_privacy"
down_revision: str | None = "0007_admins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = 128
NEVER_REUSED = ("sessions", "prompt_deliveries", "reflections")


def _recreate(autoincrement: bool) -> None:
    # The copy reads the table as it is (batch mode reflects it, partial indexes included), so
    # it needs the database itself: SQL written out offline (for a DBA, i.e. PostgreSQL) has no
    # copy; on SQLite run `plcbot db upgrade`.
    if context.is_offline_mode() or op.get_bind().dialect.name != "sqlite":
        return
    for table in NEVER_REUSED:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _recreate(autoincrement=True)
    op.create_table(
        "pending_withdrawals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("channel_id", sa.String(length=ID), nullable=False),
        sa.Column("message_id", sa.String(length=ID), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name="fk_pending_withdrawals_community_id_communities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pending_withdrawals"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_pending_withdrawals_community_id_id", "pending_withdrawals", ["community_id", "id"]
    )
    op.create_index("ix_pending_withdrawals_next_try_at", "pending_withdrawals", ["next_try_at"])


def downgrade() -> None:
    op.drop_index("ix_pending_withdrawals_next_try_at", table_name="pending_withdrawals")
    op.drop_index("ix_pending_withdrawals_community_id_id", table_name="pending_withdrawals")
    op.drop_table("pending_withdrawals")
    _recreate(autoincrement=False)
