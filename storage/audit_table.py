"""The audit log: who read which team's reflections (or exported them), and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, WORD, Base, community_fk, of_team


class AuditEntryRow(Base):
    """One read (or one admin granted on the server). It goes with its team (and its
    community), like the reflections it was about."""

    __tablename__ = "audit_log"
    # of_team() brings the (community_id, team_id) index; this one serves list(since=...).
    __table_args__ = (*of_team(), Index(None, "community_id", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    reader_id: Mapped[str] = mapped_column(String(ID))
    team_id: Mapped[int | None]  # None: about the whole community (an admin granted)
    what: Mapped[str] = mapped_column(String(WORD))
    count: Mapped[int]
    at: Mapped[datetime]
    subject_id: Mapped[str | None] = mapped_column(String(ID))  # whom it was about
