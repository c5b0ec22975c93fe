"""The one statement that reads a request's context: the community, the person's membership,
the channel's team and the person's role in it (Communities.standing)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql

from storage.direct import once
from storage.tables import (
    CommunityRow,
    MemberRow,
    ProcessedEventRow,
    PromptDeliveryRow,
    SessionRow,
    TeamRoleRow,
    TeamRow,
)

# The claim's values, among STANDING_CLAIMING's parameters: the community, the key and when.
CLAIM_COLUMNS = ("community_id", "key", "claimed_at")
_STANDING_TABLES = (
    ("c", CommunityRow),
    ("m", MemberRow),
    ("t", TeamRow),
    ("r", TeamRoleRow),
    ("s", SessionRow),  # the team's open session (storage/prefetch.py)
    ("d", PromptDeliveryRow),  # the team's latest prompt posted
)


def _standing_query(*, claiming: bool = False) -> Select[Any]:
    """The community, the person's membership, the channel's team and the person's role in
    it, the team's open session and its latest prompt posted, in one statement (each table's
    columns labelled with a prefix: c_id, t_name, ...). LEFT JOINs, so a row comes back
    whenever the community exists; a team has one open session at most (a unique index).

    `claiming` (PostgreSQL): the request's delivery is claimed in the same statement, as
    ProcessedEvents.claim would (the same INSERT ... ON CONFLICT DO NOTHING, in a WITH), and
    the last column, `claimed`, says whether it inserted the key (1) or found it (0). The row
    then comes back whether or not the community exists (its columns NULL): the claim is made
    either way, and the caller must learn how it went."""
    c, m, t, r, s, d = (cast(Table, model.__table__) for _, model in _STANDING_TABLES)
    user: BindParameter[Any] = bindparam("user_id")
    columns: list[Any] = [
        column.label(f"{prefix}_{column.name}")
        for prefix, model in _STANDING_TABLES
        for column in cast(Table, model.__table__).c
    ]
    community = c.c.id == bindparam("community_id")
    start: Any = c
    if claiming:
        claimed = select(func.count().label("claimed")).select_from(_claim()).subquery("k")
        start = claimed.outerjoin(c, community)
        columns.append(claimed.c.claimed)  # last: the tables' columns keep their places
    joined = (
        start.outerjoin(m, and_(m.c.community_id == c.c.id, m.c.user_id == user))
        .outerjoin(t, and_(t.c.community_id == c.c.id, t.c.channel_id == bindparam("channel_id")))
        .outerjoin(
            r,
            and_(r.c.community_id == c.c.id, r.c.team_id == t.c.id, r.c.user_id == user),
        )
        .outerjoin(
            s,
            and_(s.c.community_id == c.c.id, s.c.team_id == t.c.id, s.c.closed_at.is_(None)),
        )
        .outerjoin(d, and_(d.c.community_id == c.c.id, d.c.id == _latest_prompt(c, t)))
    )
    query = select(*columns).select_from(joined)
    return query if claiming else query.where(community)


def _claim() -> Any:
    """The delivery's claim, as a WITH of the standing read: the key inserted, or nothing
    when it is there already (storage/event_repository.py's statement, as PostgreSQL says it)."""
    e = cast(Table, ProcessedEventRow.__table__)
    values = {name: bindparam(name, type_=e.c[name].type) for name in CLAIM_COLUMNS}
    return (
        postgresql.insert(e)
        .values(values)
        .on_conflict_do_nothing()
        .returning(literal_column("1"))
        .cte("claim")
    )


def _latest_prompt(c: Table, t: Table) -> Any:
    """The id of the team's latest prompt posted, as SqlDeliveries.latest orders them."""
    d = cast(Table, PromptDeliveryRow.__table__).alias("latest")
    return (
        select(d.c.id)
        .where(d.c.community_id == c.c.id, d.c.team_id == t.c.id, d.c.posted.is_(True))
        .order_by(d.c.sent_at.desc(), d.c.id.desc())
        .limit(1)
        .correlate(c, t)
        .scalar_subquery()
    )


STANDING = once(_standing_query())
STANDING_CLAIMING = once(_standing_query(claiming=True))  # PostgreSQL only


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
    for key in keys:
        if row[key] is None:
            return None
    return SimpleNamespace(**dict(zip(names, row[start:end], strict=True)))
