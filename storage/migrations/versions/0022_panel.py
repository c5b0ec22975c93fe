"""Indexes the overview's figures are read from alone (no table row visited): each team's
check-ins and their score sum, and each prompt's answers within its own team. The district
overview (and the report of every team) counted 20,000 check-ins and 20,000 reflections a
year by visiting each row; the reflections' rows carry their words, so the most pages
(benchmarks section 5, `panel: district overview`).

Revision ID: 0022_panel
Revises: 0021_lang
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_panel"
down_revision: str | None = "0021_lang"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("checkins", ("community_id", "team_id", "score")),
    ("reflections", ("community_id", "delivery_id", "team_id")),
)


def upgrade() -> None:
    for table, columns in INDEXES:
        op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))
    if op.get_context().as_sql:  # written out for a DBA: no statistics to read
        return
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _analyzed(bind):
        # Statistics gathered before these indexes existed say nothing of them, and SQLite
        # then takes them for the best of all: a session's check-ins were counted by reading
        # every check-in of the community. Complete the statistics of their tables.
        for table, _columns in INDEXES:
            op.execute(f"ANALYZE {table}")


def _analyzed(bind: sa.Connection) -> bool:
    found = bind.execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
    )
    return found.first() is not None


def downgrade() -> None:
    for table, columns in INDEXES:
        op.drop_index(f"ix_{table}_{'_'.join(columns)}", table_name=table)
