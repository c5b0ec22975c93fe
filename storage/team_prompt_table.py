"""A team's own reflection prompts (bot.rules.prompts): no person's id, so nothing to forget."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import WORD, Base, community_fk, of_team


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
