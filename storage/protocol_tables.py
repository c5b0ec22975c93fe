"""The rows of protocol runs (bot.protocols): a team's run of a protocol, the steps it reached
and the notes taken in each.

A run is the team's (started_by is only an attribution); a note is its author's words
(user_id), deleted when they are forgotten. Step ids are carried by the step card's buttons,
so they are never given again (SQLite's AUTOINCREMENT)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKeyConstraint, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, NAME, WORD, Base, community_fk, of_session, of_team


class ProtocolRunRow(Base):
    __tablename__ = "protocol_runs"
    __table_args__ = (
        *of_team(),
        of_session(),
        UniqueConstraint("community_id", "id"),
        # A team runs one protocol at a time (a run goes on until it ends), enforced by the
        # database even under races.
        Index(
            "uq_protocol_runs_running_team_id",
            "team_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
            sqlite_where=text("ended_at IS NULL"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int | None]
    protocol_id: Mapped[str] = mapped_column(String(NAME))
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(WORD))
    started_by: Mapped[str] = mapped_column(String(ID))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class ProtocolStepRow(Base):
    __tablename__ = "protocol_steps"
    __table_args__ = (
        ForeignKeyConstraint(
            ["community_id", "run_id"],
            ["protocol_runs.community_id", "protocol_runs.id"],
            ondelete="CASCADE",
        ),
        # One row per step reached: a second "Next step" click cannot add the same step twice.
        UniqueConstraint("community_id", "run_id", "position"),
        UniqueConstraint("community_id", "id"),
        # The scheduler's look for steps whose time ran out (every community's).
        Index(
            "ix_protocol_steps_due",
            "ends_at",
            postgresql_where=text("ended_at IS NULL"),
            sqlite_where=text("ended_at IS NULL"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    run_id: Mapped[int]
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    prompt: Mapped[str] = mapped_column(Text)
    minutes: Mapped[int]
    started_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    ended: Mapped[str | None] = mapped_column(String(WORD))
    nudged_at: Mapped[datetime | None]


class ProtocolNoteRow(Base):
    __tablename__ = "protocol_notes"
    __table_args__ = (
        ForeignKeyConstraint(
            ["community_id", "step_id"],
            ["protocol_steps.community_id", "protocol_steps.id"],
            ondelete="CASCADE",
        ),
        Index(None, "community_id", "run_id"),
        Index(None, "community_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    run_id: Mapped[int]
    step_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(ID))  # the author: the note is theirs
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
