"""The tables of a team's work records: its own reflection prompts (no person's id, so nothing
to forget) and attendance at sessions (the person's row, forgotten with them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, WORD, Base, community_fk, of_session, of_team
from storage.tables import CheckInRow, PulseAnswerRow, ReflectionRow


class TeamPromptRow(Base):
    __tablename__ = "team_prompts"
    __table_args__ = (*of_team(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    stage: Mapped[str] = mapped_column(String(WORD))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]


# A person's check-ins and feedback answers, found by person (their export, PD hours, forget):
# 0019_index. Attendance has its own below.
Index(None, CheckInRow.community_id, CheckInRow.user_id)
Index(None, PulseAnswerRow.community_id, PulseAnswerRow.user_id)
# The overview's figures from the index alone (0022_panel): a team's check-ins and their
# scores, a prompt's answers within its own team (storage/report_summaries.py).
Index(None, CheckInRow.community_id, CheckInRow.team_id, CheckInRow.score)
Index(None, ReflectionRow.community_id, ReflectionRow.delivery_id, ReflectionRow.team_id)


class AttendanceRow(Base):
    __tablename__ = "attendances"
    __table_args__ = (
        *of_team(),
        of_session(),
        UniqueConstraint("community_id", "session_id", "user_id"),
        Index(None, "community_id", "user_id"),  # a person's sessions (0019_index)
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    team_id: Mapped[int]
    session_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(ID))
    marked_at: Mapped[datetime]
    marked_by: Mapped[str] = mapped_column(String(ID))
    confirmed_at: Mapped[datetime | None]
    confirmed_by: Mapped[str | None] = mapped_column(String(ID))
