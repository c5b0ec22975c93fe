"""Shared reflections still to be withdrawn from a channel: the platform refused the edit
when their author forgot their data, and the scheduler tries again with back-off."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, Base, community_fk


class PendingWithdrawalRow(Base):
    """Where the message is, and when to try again: no text and no person id. It outlives the
    reflection and its team (the message is still in the channel), not its community."""

    __tablename__ = "pending_withdrawals"
    __table_args__ = (
        Index(None, "community_id", "id"),
        Index(None, "next_try_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    channel_id: Mapped[str] = mapped_column(String(ID))
    message_id: Mapped[str] = mapped_column(String(ID))
    attempts: Mapped[int]
    next_try_at: Mapped[datetime]
    created_at: Mapped[datetime]
