"""A community's name as its platform gives it (a Discord server's name), so a DM to the bot,
the choice of team and the forget receipt can say which community they act on.

Revision ID: 0011_dm
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0011_dm"
down_revision: str | None = "0010_runs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("communities", recreate="never") as batch:
        batch.add_column(sa.Column("name", sa.String(100), nullable=True))


def downgrade() -> None:
    # never a table copy: on SQLite, copying communities would cascade into every row it owns
    with op.batch_alter_table("communities", recreate="never") as batch:
        batch.drop_column("name")
