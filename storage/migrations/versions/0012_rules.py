"""The check-in scale in the database: a check-in's score and a pulse's "relevant" are 1–5
(bot.rules.score), so no writer, however it reaches the tables, stores a 0 or a 6.

On SQLite a CHECK constraint can only come with the table, so batch mode copies checkins and
pulse_answers (nothing references them; storage.migrate turns SQLite's foreign keys off while
it migrates and checks them after). PostgreSQL adds the constraints in place.

Revision ID: 0012_rules
Revises: 0011_dm
"""

from __future__ import annotations

from alembic import context, op

revision: str = "0012_rules"
down_revision: str | None = "0011_dm"
branch_labels = None
depends_on = None

# (a NULL "relevant", a pulse answered only on "recommend", passes a CHECK)
RULES = (
    ("checkins", "ck_checkins_on_scale", "score BETWEEN 1 AND 5"),
    ("pulse_answers", "ck_pulse_answers_on_scale", "relevant BETWEEN 1 AND 5"),
)


def _copy_needs_the_database() -> bool:
    # SQLite's copy reads the table as it is, so SQL written out offline (for a DBA, i.e.
    # PostgreSQL) has no copy for SQLite; there run `plcbot db upgrade`.
    return context.is_offline_mode() and op.get_context().dialect.name == "sqlite"


def upgrade() -> None:
    if _copy_needs_the_database():
        return
    for table, name, condition in RULES:
        with op.batch_alter_table(table) as batch:
            batch.create_check_constraint(op.f(name), condition)


def downgrade() -> None:
    if _copy_needs_the_database():
        return
    for table, name, _ in RULES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(name), type_="check")
