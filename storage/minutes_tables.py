"""The rows of a session's agenda, meeting roles, decisions and kept minutes (bot.minutes).

Each belongs to a team, and to a session once it has one (a NULL session_id: the team's next
session). A meeting role is the person's row (user_id, forgotten with them); who added an
item, gave a role or wrote a decision is only an attribution."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, WORD, Base, community_fk, of_session, of_team
from storage.coltypes import JsonStrings


class AgendaItemRow(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        *of_team(),
        of_session(),
        CheckConstraint("minutes BETWEEN 1 AND 240", name="minutes_in_range"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int | None]
    minutes: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[datetime]


class MeetingRoleRow(Base):
    __tablename__ = "meeting_roles"
    __table_args__ = (*of_team(), of_session(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int | None]
    role: Mapped[str] = mapped_column(String(WORD))
    user_id: Mapped[str] = mapped_column(String(ID))
    assigned_by: Mapped[str] = mapped_column(String(ID))
    assigned_at: Mapped[datetime]


class DecisionRow(Base):
    __tablename__ = "decisions"
    __table_args__ = (*of_team(), of_session(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[datetime]


class SessionMinutesRow(Base):
    """One per closed session: what is kept of its minutes beyond the session's own records
    (the cycle and its goal's status then)."""

    __tablename__ = "session_minutes"
    __table_args__ = (
        *of_team(),
        of_session(),
        UniqueConstraint("community_id", "session_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int]
    cycle: Mapped[int]
    goal: Mapped[list[str]] = mapped_column(JsonStrings)
    created_at: Mapped[datetime]
