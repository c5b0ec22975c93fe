"""The scheduler's rows: schedules, their runs (the exactly-once claims), school calendar
breaks, and the reminders already sent to people who have not answered a prompt."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, WORD, Base, community_fk, of_team


class ScheduleRow(Base):
    __tablename__ = "schedules"
    __table_args__ = (
        *of_team(),
        # (community_id, id): the target of the runs' foreign key.
        UniqueConstraint("community_id", "id"),
        # The scheduler's query: what is due, across communities, oldest first. Partial and
        # in the query's order, so each batch reads its own rows (and skips the ones another
        # worker holds) instead of sorting every live schedule: O(batch), not O(schedules).
        Index(
            "ix_schedules_due",
            "next_fire_at",
            "id",
            postgresql_where=text("paused IS false AND next_fire_at IS NOT NULL"),
            sqlite_where=text("paused IS 0 AND next_fire_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(WORD))
    when: Mapped[str] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[datetime]
    next_fire_at: Mapped[datetime | None]
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    after_hours: Mapped[int | None]


class ScheduleRunRow(Base):
    __tablename__ = "schedule_runs"
    __table_args__ = (
        ForeignKeyConstraint(
            ["community_id", "schedule_id"],
            ["schedules.community_id", "schedules.id"],
            ondelete="CASCADE",
        ),
        # Exactly once: a (schedule, fire time) is claimed by one worker, whoever inserts first.
        UniqueConstraint("schedule_id", "fire_at"),
        # Leads with community_id, so it is the community index (and finds stuck runs).
        Index(None, "community_id", "state"),
        # Runs are updated by (community_id, id), like every community-owned row. Without an
        # index on both, PostgreSQL may plan that with the index above (its statistics of a
        # young table say it is tiny) and read every run of the community to finish one.
        Index("uq_schedule_runs_community_id_id", "community_id", "id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    schedule_id: Mapped[int]
    fire_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(WORD))
    claimed_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    posts: Mapped[int] = mapped_column(Integer, default=0)


class CalendarBreakRow(Base):
    """Days off, for one team or (team_id null) for the whole community."""

    __tablename__ = "calendar_breaks"
    __table_args__ = of_team()

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int | None]
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(ID))


class SentReminderRow(Base):
    """One reminder per person per prompt, claimed like a run."""

    __tablename__ = "sent_reminders"
    __table_args__ = (
        ForeignKeyConstraint(
            ["community_id", "delivery_id"],
            ["prompt_deliveries.community_id", "prompt_deliveries.id"],
            ondelete="CASCADE",
        ),
    )

    delivery_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    community_id: Mapped[str] = community_fk(index=True)
    reminded_at: Mapped[datetime]
