"""The rows of micro-credential portfolios (bot.credentials): a teacher's portfolio for one
micro-credential, the evidence attached to its parts (files' bytes included) and the comments
of the reviewer it was shared with.

Every row carries the teacher as user_id, so forgetting them removes it all; a reviewer's id is
only an attribution (reviewer_id). Portfolios belong to a person, not a team: they stay when a
team is archived, and go with the community."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import ID, WORD, Base, community_fk

KEY = 64  # a credential's or a part's id from the catalog
FILE_NAME = 255
MIME = 128


def _of_portfolio() -> tuple[ForeignKeyConstraint, Index]:
    foreign_key = ForeignKeyConstraint(
        ["community_id", "portfolio_id"],
        ["portfolios.community_id", "portfolios.id"],
        ondelete="CASCADE",
    )
    return foreign_key, Index(None, "community_id", "portfolio_id")


class PortfolioRow(Base):
    __tablename__ = "portfolios"
    __table_args__ = (
        UniqueConstraint("community_id", "user_id", "credential_id"),
        UniqueConstraint("community_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    user_id: Mapped[str] = mapped_column(String(ID))
    credential_id: Mapped[str] = mapped_column(String(KEY))
    started_at: Mapped[datetime]
    reviewer_id: Mapped[str | None] = mapped_column(String(ID))
    shared_at: Mapped[datetime | None]


class PortfolioEvidenceRow(Base):
    __tablename__ = "portfolio_evidence"
    __table_args__ = (*_of_portfolio(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    portfolio_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(ID))
    part_id: Mapped[str] = mapped_column(String(KEY))
    kind: Mapped[str] = mapped_column(String(WORD))
    text: Mapped[str] = mapped_column(Text)
    reflection_id: Mapped[int | None]  # by reference: the reflection as it is now
    file_name: Mapped[str] = mapped_column(String(FILE_NAME))
    file_type: Mapped[str] = mapped_column(String(MIME))
    file_size: Mapped[int]
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    confirmed: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]


class PortfolioCommentRow(Base):
    __tablename__ = "portfolio_comments"
    __table_args__ = (*_of_portfolio(), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community_id: Mapped[str] = community_fk()
    portfolio_id: Mapped[int]
    user_id: Mapped[str] = mapped_column(String(ID))  # the portfolio's teacher
    reviewer_id: Mapped[str] = mapped_column(String(ID))
    part_id: Mapped[str] = mapped_column(String(KEY))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
