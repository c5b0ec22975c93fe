"""A person's own language: `/plc me language es|en|auto` (issue 16). NULL is auto: the
platform's locale, then the team's language, then the community default decide.

Revision ID: 0021_lang
Revises: 0019_index
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_lang"
down_revision: str | None = "0019_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORD = 32


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("language", sa.String(length=WORD), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("language")
