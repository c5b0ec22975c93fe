"""A prompt delivery is 'posted' once its message reached the platform: the scheduler records
the delivery when it claims the run and marks it posted when the post lands, so a run stranded
between the two leaves no prompt for `/plc reflect` to attach an answer to. Existing deliveries
were posted (that is what they recorded until now).

Revision ID: 0010_runs
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010_runs"
down_revision: str | None = "0008_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "prompt_deliveries",
        sa.Column("posted", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    op.drop_column("prompt_deliveries", "posted")
