"""The scheduler's indexes: the due query reads an index in its own order instead of sorting
every schedule, and a run is found by (community_id, id) through an index on both.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_schedules_next_fire_at", table_name="schedules")
    op.create_index(
        "ix_schedules_due",
        "schedules",
        ["next_fire_at", "id"],
        postgresql_where=sa.text("paused IS false AND next_fire_at IS NOT NULL"),
        sqlite_where=sa.text("paused IS 0 AND next_fire_at IS NOT NULL"),
    )
    op.create_index(
        "uq_schedule_runs_community_id_id", "schedule_runs", ["community_id", "id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_schedule_runs_community_id_id", table_name="schedule_runs")
    op.drop_index("ix_schedules_due", table_name="schedules")
    op.create_index("ix_schedules_next_fire_at", "schedules", ["next_fire_at"])
