"""The rows of the team's work products (bot.work): a cycle's record and action items.

Each belongs to a team (it goes with the team, within its community). A person's own rows
(their commitments, evidence, the action items they own and those items' reminders)
carry them as user_id;
who wrote a team's entry is only an attribution (written_by, created_by)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, WORD, Base, community_fk, of_team
from storage.coltypes import JsonStrings


class CycleEntryRow(Base):
    __tablename__ = "cycle_entries"
    __table_args__ = (
        *of_team(),
        Index(None, "community_id", "user_id"),
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent_in_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    cycle: Mapped[int]
    kind: Mapped[str] = mapped_column(String(WORD))
    text: Mapped[str] = mapped_column(Text)
    detail: Mapped[list[str]] = mapped_column(JsonStrings)
    percent: Mapped[int | None]
    user_id: Mapped[str | None] = mapped_column(String(ID))
    written_by: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[datetime]


class ActionItemRow(Base):
    __tablename__ = "action_items"
    # (community_id, id): the target of the reminders' foreign key. Ids are carried by the
    # Done buttons, so they are never given again (SQLite's AUTOINCREMENT).
    __table_args__ = (
        *of_team(),
        Index(None, "community_id", "user_id"),
        Index(None, "status", "due_on"),
        UniqueConstraint("community_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(ID))  # the owner: the item is theirs
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(WORD))
    created_by: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(ID))


class ActionReminderRow(Base):
    """One reminder of each kind per item, claimed like a schedule's run: the insert that wins
    under the primary key is the one process that sends it."""

    __tablename__ = "action_reminders"
    __table_args__ = (
        ForeignKeyConstraint(
            ["community_id", "item_id"],
            ["action_items.community_id", "action_items.id"],
            ondelete="CASCADE",
        ),
    )

    item_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(WORD), primary_key=True)
    community_id: Mapped[str] = community_fk(index=True)
    user_id: Mapped[str] = mapped_column(String(ID))  # whom it reminded: the item's owner
    reminded_at: Mapped[datetime]
