"""The platform deliveries already handled (the replay claim of every request)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, Base


class ProcessedEventRow(Base):
    """A platform delivery already handled, so a retried one is recognised. Kept by
    community, but with no foreign key: the first event of a new community is claimed
    before the community row is made. Old claims are pruned by age."""

    __tablename__ = "processed_events"
    __table_args__ = (Index(None, "claimed_at"),)

    # The primary key leads with community_id, so it is the community index.
    community_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    claimed_at: Mapped[datetime]
