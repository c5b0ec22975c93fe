"""The one statement that reads a request's context: the community, the person's membership,
the channel's team and the person's role in it (Communities.standing)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import BindParameter, Row, Select, Table, and_, bindparam, select

from storage.tables import CommunityRow, MemberRow, TeamRoleRow, TeamRow

_STANDING_TABLES = (("c", CommunityRow), ("m", MemberRow), ("t", TeamRow), ("r", TeamRoleRow))


def _standing_query() -> Select[Any]:
    """The community, the person's membership, the channel's team and the person's role in
    it, in one statement (each table's columns labelled with a prefix: c_id, t_name, ...).
    LEFT JOINs, so a row comes back whenever the community exists."""
    c, m, t, r = (cast(Table, model.__table__) for _, model in _STANDING_TABLES)
    user: BindParameter[Any] = bindparam("user_id")
    columns = [
        column.label(f"{prefix}_{column.name}")
        for prefix, model in _STANDING_TABLES
        for column in cast(Table, model.__table__).c
    ]
    joined = (
        c.outerjoin(m, and_(m.c.community_id == c.c.id, m.c.user_id == user))
        .outerjoin(t, and_(t.c.community_id == c.c.id, t.c.channel_id == bindparam("channel_id")))
        .outerjoin(
            r,
            and_(r.c.community_id == c.c.id, r.c.team_id == t.c.id, r.c.user_id == user),
        )
    )
    return select(*columns).select_from(joined).where(c.c.id == bindparam("community_id"))


STANDING = _standing_query()


# Where each table's columns sit in a _STANDING row: (first, past the last, the column names,
# the positions of its primary key), worked out once instead of per request.
Part = tuple[int, int, tuple[str, ...], tuple[int, ...]]


def _parts() -> tuple[Part, ...]:
    parts: list[Part] = []
    start = 0
    for _, model in _STANDING_TABLES:
        table = cast(Table, model.__table__)
        names = tuple(column.name for column in table.c)
        keys = tuple(start + names.index(column.name) for column in table.primary_key)
        parts.append((start, start + len(names), names, keys))
        start += len(names)
    return tuple(parts)


PARTS = _parts()


def part_of(row: Row[Any], part: Part) -> SimpleNamespace | None:
    """One table's columns of a _STANDING row, read by attribute like the model; None when
    the LEFT JOIN found no row (its primary key is NULL)."""
    start, end, names, keys = part
    if any(row[key] is None for key in keys):
        return None
    return SimpleNamespace(**dict(zip(names, row[start:end], strict=True)))
