"""Admins: a community remembers that it has had an admin (it never bootstraps one from chat
again), and the audit log records admins granted on the server, about the whole community.

Revision ID: 0007_admins
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_admins"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None

ID = 128
WORD = 32

# A community has had an admin if it has one now, or if it has a team: every team was made by
# an admin (the first one bootstrapped by creating it), or declared with the community's admins
# in the configuration. A community with teams and no admin lost its last one (the defect this
# revision closes); it must not hand the role to whoever runs `/plc team create` first.
_BACKFILL = """
UPDATE communities SET had_admin = true
WHERE EXISTS (
    SELECT 1 FROM members
    WHERE members.community_id = communities.id AND members.is_admin = true
) OR EXISTS (SELECT 1 FROM teams WHERE teams.community_id = communities.id)
"""


def _audit_log(*, subject: bool) -> sa.Table:
    """audit_log as it stands (0003; with subject_id after this revision): SQLite changes a
    column's NOT NULL by copying the table, and a copy written out as SQL for a DBA cannot
    reflect it."""
    return sa.Table(
        "audit_log",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.String(length=ID), nullable=False),
        sa.Column("reader_id", sa.String(length=ID), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=not subject),
        sa.Column("what", sa.String(length=WORD), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        *([sa.Column("subject_id", sa.String(length=ID), nullable=True)] if subject else []),
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
        sa.Index("ix_audit_log_community_id_team_id", "community_id", "team_id"),
        sa.Index("ix_audit_log_community_id_at", "community_id", "at"),
    )


def upgrade() -> None:
    # Never a table copy of communities (see 0003's downgrade): ADD COLUMN in place.
    with op.batch_alter_table("communities", recreate="never") as batch:
        batch.add_column(
            sa.Column("had_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(sa.text(_BACKFILL))
    with op.batch_alter_table("audit_log", copy_from=_audit_log(subject=False)) as batch:
        batch.alter_column("team_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("subject_id", sa.String(length=ID), nullable=True))


def downgrade() -> None:
    # Community-wide entries have no team to keep them under.
    op.execute(sa.text("DELETE FROM audit_log WHERE team_id IS NULL"))
    with op.batch_alter_table("audit_log", copy_from=_audit_log(subject=True)) as batch:
        batch.drop_column("subject_id")
        batch.alter_column("team_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("communities", recreate="never") as batch:
        batch.drop_column("had_admin")
