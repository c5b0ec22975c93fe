"""The rows: one declarative model per entity of bot/domain.py.

Rows are not domain objects; the repositories map between the two. Every table that belongs
to a community carries `community_id`: not null, indexed (an index that leads with it), and a
cascading foreign key to communities. A team's rows reference the team by (community_id,
team_id), so they go with the team and cannot point into another community; a session's rows
likewise. Enum-like fields are short strings; datetimes are aware UTC (storage.coltypes).
The one exception, processed_events, says why below. Schema changes go through migrations.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, NAME, WORD, Base, community_fk, of_session, of_team
from storage.coltypes import JsonStrings

# Ids that posted messages and buttons carry (sessions, prompts sent, reflections) are never
# given again once deleted: SQLite's AUTOINCREMENT (its plain rowid reuses the highest id after
# it is deleted, so an old post would point at a new row). PostgreSQL's identities never reuse.
NEVER_REUSED = {"sqlite_autoincrement": True}


class CommunityRow(Base):
    __tablename__ = "communities"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    platform: Mapped[str] = mapped_column(String(WORD))
    external_id: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[datetime]
    retention_days: Mapped[int | None]
    # The bot was uninstalled or removed from the guild; the data goes after a grace period.
    removed_at: Mapped[datetime | None]
    # What the platform calls it (a Discord server's name), so a DM can say where it acts.
    name: Mapped[str | None] = mapped_column(String(NAME))
    # Set for good when the first admin is saved: such a community never bootstraps an admin
    # from chat again (storage.admin_repository).
    had_admin: Mapped[bool] = mapped_column(Boolean, server_default=false())


class MemberRow(Base):
    __tablename__ = "members"

    # The primary key leads with community_id, so it is the community index.
    community_id: Mapped[str] = community_fk(primary_key=True)
    user_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    reminders: Mapped[bool] = mapped_column(Boolean, default=True)
    joined_at: Mapped[datetime | None]
    language: Mapped[str | None] = mapped_column(String(WORD))  # None: auto (issue 16)


class TeamRow(Base):
    __tablename__ = "teams"
    __table_args__ = (
        # Leads with community_id, so it is the community index.
        UniqueConstraint("community_id", "channel_id"),
        # The target of the (community_id, team_id) foreign keys of the team's rows.
        UniqueConstraint("community_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    channel_id: Mapped[str] = mapped_column(String(ID))
    name: Mapped[str] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(WORD))
    stage: Mapped[str] = mapped_column(String(WORD))
    cycle: Mapped[int]
    stage_started_at: Mapped[datetime]
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(ID))
    norms: Mapped[list[str] | None] = mapped_column(JsonStrings)
    archived_at: Mapped[datetime | None]  # 0012_fricb


class TeamRoleRow(Base):
    __tablename__ = "team_roles"
    __table_args__ = of_team()

    team_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    community_id: Mapped[str] = community_fk()
    role: Mapped[str] = mapped_column(String(WORD))


class StageChangeRow(Base):
    __tablename__ = "stage_changes"
    __table_args__ = of_team()

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    cycle: Mapped[int]
    stage: Mapped[str] = mapped_column(String(WORD))
    started_at: Mapped[datetime]
    changed_by: Mapped[str | None] = mapped_column(String(ID))


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        *of_team(),
        UniqueConstraint("community_id", "id"),
        # At most one open session per team, enforced by the database even under races.
        Index(
            "uq_sessions_open_team_id",
            "team_id",
            unique=True,
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    topic: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(WORD))
    opened_by: Mapped[str] = mapped_column(String(ID))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class CheckInRow(Base):
    __tablename__ = "checkins"
    __table_args__ = (
        *of_team(),
        of_session(),
        # One check-in per person per session; check-ins without a session are not limited.
        Index(
            "uq_checkins_session_id_user_id",
            "session_id",
            "user_id",
            unique=True,
            postgresql_where=text("session_id IS NOT NULL"),
            sqlite_where=text("session_id IS NOT NULL"),
        ),
        CheckConstraint("score BETWEEN 1 AND 5", name="on_scale"),  # bot.rules.score
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int | None]
    user_id: Mapped[str] = mapped_column(String(ID))
    score: Mapped[int]
    word: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class PromptDeliveryRow(Base):
    __tablename__ = "prompt_deliveries"
    # (community_id, id): the target of the sent reminders' foreign key.
    __table_args__ = (*of_team(), UniqueConstraint("community_id", "id"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    prompt_id: Mapped[str] = mapped_column(String(ID))
    stage: Mapped[str] = mapped_column(String(WORD))
    sent_at: Mapped[datetime]
    # The prompt was still sent if its session goes: keep the delivery, forget the link.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(WORD))
    posted: Mapped[bool] = mapped_column(Boolean, server_default=true())


class ReflectionRow(Base):
    __tablename__ = "reflections"
    __table_args__ = (
        *of_team(),
        Index(None, "community_id", "user_id"),
        # One answer per person per prompt (the core edits it); reflections without a prompt
        # are not limited. Two answers racing: the second insert is a Conflict.
        Index(
            "uq_reflections_community_id_delivery_id_user_id",
            "community_id",
            "delivery_id",
            "user_id",
            unique=True,
            postgresql_where=text("delivery_id IS NOT NULL"),
            sqlite_where=text("delivery_id IS NOT NULL"),
        ),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(ID))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(WORD))
    created_at: Mapped[datetime]
    # A teacher's reflection outlives the prompt it answered.
    delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("prompt_deliveries.id", ondelete="SET NULL"), index=True
    )
    edited_at: Mapped[datetime | None]


class PulseAnswerRow(Base):
    __tablename__ = "pulse_answers"
    __table_args__ = (of_session(), CheckConstraint("relevant BETWEEN 1 AND 5", name="on_scale"))

    session_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    community_id: Mapped[str] = community_fk(index=True)
    relevant: Mapped[int | None]
    recommend: Mapped[bool | None] = mapped_column(Boolean)


class PostedMessageRow(Base):
    __tablename__ = "posted_messages"
    # Each index leads with community_id, so they are the community index too.
    __table_args__ = (
        Index(None, "community_id", "channel_id", "message_id"),
        Index(None, "community_id", "kind", "subject_id"),
        Index(None, "community_id", "user_id", "kind"),
        # A DM carries no guild on Discord: which community last DMed this person a prompt.
        Index("ix_posted_messages_user_kind", "user_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    kind: Mapped[str] = mapped_column(String(WORD))
    subject_id: Mapped[int]
    channel_id: Mapped[str] = mapped_column(String(ID))
    message_id: Mapped[str] = mapped_column(String(ID))
    user_id: Mapped[str | None] = mapped_column(String(ID))
    posted_at: Mapped[datetime | None]


# The scheduler's, audit, work and record (attendance, team prompt) tables live in their own
# modules; importing them here puts them in metadata.
from storage import (  # noqa: E402, F401
    credential_tables,
    minutes_tables,
    protocol_tables,
    record_tables,
    work_tables,
)
from storage.audit_table import AuditEntryRow  # noqa: E402
from storage.processed_events_table import ProcessedEventRow  # noqa: E402
from storage.schedule_tables import (  # noqa: E402
    CalendarBreakRow,
    ScheduleRow,
    ScheduleRunRow,
    SentReminderRow,
)
from storage.withdrawal_table import PendingWithdrawalRow  # noqa: E402

metadata = Base.metadata

__all__ = [
    "AuditEntryRow",
    "Base",
    "CalendarBreakRow",
    "CheckInRow",
    "CommunityRow",
    "MemberRow",
    "PendingWithdrawalRow",
    "PostedMessageRow",
    "ProcessedEventRow",
    "PromptDeliveryRow",
    "PulseAnswerRow",
    "ReflectionRow",
    "ScheduleRow",
    "ScheduleRunRow",
    "SentReminderRow",
    "SessionRow",
    "StageChangeRow",
    "TeamRoleRow",
    "TeamRow",
    "metadata",
]
