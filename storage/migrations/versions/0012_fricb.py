"""An archived team: when it was archived (null: active). An archived team gets no nudges and
opens no sessions; its records stay until retention or forget.

Revision ID: 0012_fricb
Revises: 0012_rules
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012_fricb"
down_revision: str | None = "0012_rules"  # re-chained after main's 0012_rules
branch_labels = None
depends_on = None


def upgrade() -> None:
    # never a table copy: on SQLite, copying teams would cascade into every row it owns
    with op.batch_alter_table("teams", recreate="never") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("teams", recreate="never") as batch:
        batch.drop_column("archived_at")
