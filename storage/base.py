"""What every table shares: the declarative base, the naming convention, and the foreign
keys that tie a row to its community, its team or its session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, ForeignKeyConstraint, Index, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.coltypes import UtcDateTime

ID = 128  # a platform id: "slack:T123", a user, channel or message id
WORD = 32  # an enum-like value: a stage, a role, a visibility, a kind
NAME = 100  # a name a platform gives (a Discord server's name is at most 100 characters)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}


def community_fk(*, primary_key: bool = False, index: bool = False) -> Mapped[str]:
    return mapped_column(
        String(ID),
        ForeignKey("communities.id", ondelete="CASCADE"),
        primary_key=primary_key,
        index=index,
    )


def of_team() -> tuple[ForeignKeyConstraint, Index]:
    """A team's row: it goes with the team, and its community must be the team's community
    (the foreign key includes community_id, so no row can point into another community).
    The index leads with community_id, so it is also the table's community index."""
    foreign_key = ForeignKeyConstraint(
        ["community_id", "team_id"], ["teams.community_id", "teams.id"], ondelete="CASCADE"
    )
    return foreign_key, Index(None, "community_id", "team_id")


def of_session() -> ForeignKeyConstraint:
    """A session's row: it goes with the session, within the same community."""
    return ForeignKeyConstraint(
        ["community_id", "session_id"], ["sessions.community_id", "sessions.id"], ondelete="CASCADE"
    )
