"""Indexes for a person's rows: their check-ins, attendance and feedback answers, found by
(community_id, user_id). A teacher's export, their PD hours and `me forget` read or delete a
person's rows; without these, each scanned every check-in, attendance and answer of the
district (benchmarks section 5: 20,000 check-ins read to find one teacher's hundred).

Revision ID: 0019_index
Revises: 0020_creds
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0019_index"
down_revision: str | None = "0020_creds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("checkins", "attendances", "pulse_answers")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_community_id_user_id", table, ["community_id", "user_id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_community_id_user_id", table_name=table)
