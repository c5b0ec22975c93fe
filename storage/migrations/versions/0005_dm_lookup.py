"""An index to find which community last DMed a person a prompt (Discord DMs carry no guild).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_posted_messages_user_kind", "posted_messages", ["user_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_posted_messages_user_kind", table_name="posted_messages")
