"""The repositories' statements built once (at import, or once per model), their values given
at each call: SQLAlchemy builds a statement and computes its cache key at every call otherwise,
which costs more CPU than running it, and the driver (storage/direct.py) runs only these."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Insert, Select, Table, Update, bindparam, insert, update

from storage.direct import once
from storage.tables import Base

S = TypeVar("S", bound=Select[Any])


def prepared(query: S) -> S:
    """A query of the hot paths, built once at import; its values arrive as bindparam()s at
    each call (`_one_of`, `_all_of`). Building a statement and computing its cache key costs
    more CPU than running it (about a quarter of a millisecond per query on a small server),
    and a request runs several. Like every read here, it reads what the database holds now."""
    return once(query.execution_options(populate_existing=True))


def whole(query: S) -> S:
    """A read built once whose rows have no bound (a team's whole history, a portfolio's files
    with their bytes): its cache key is computed once, like prepared()'s, but it is not marked
    for the driver, so `_all_of` runs it through SQLAlchemy and, on SQLite, in aiosqlite's
    worker thread, not in the event loop's, where every other request would wait for it."""
    return query.execution_options(populate_existing=True)


def inserting(model: type[Base]) -> Insert:
    """INSERT into the model's table, RETURNING the new id; the values come at execution."""
    table = cast(Table, model.__table__)
    return once(insert(table).returning(table.c.id))


def updating(model: type[Base]) -> Update:
    """UPDATE one row of the model's table by (community_id, id), given as `where_community_id`
    and `where_id`; the columns to set are the other keys of the parameters."""
    table = cast(Table, model.__table__)
    return once(
        update(table).where(
            table.c.community_id == bindparam("where_community_id"),
            table.c.id == bindparam("where_id"),
        )
    )


@functools.cache
def adding(model: type[Base]) -> Insert:
    """INSERT into the model's table (one with a natural key), the values at execution."""
    return once(insert(cast(Table, model.__table__)))


@dataclass(frozen=True)
class Upsert:
    key: tuple[str, ...]  # the primary key's columns, in order
    where: tuple[str, ...]  # their parameters in `update`
    update: Update  # the row by its key; the columns to set are the other parameters
    insert: Insert


@functools.cache
def upserting(model: type[Base]) -> Upsert:
    """The two statements of SqlRepository._upsert for the model, built once."""
    table = cast(Table, model.__table__)
    key = tuple(column.name for column in table.primary_key.columns)
    where = tuple(f"where_{name}" for name in key)
    by_key = update(table).where(
        *(table.c[name] == bindparam(param) for name, param in zip(key, where, strict=True))
    )
    return Upsert(key, where, once(by_key), adding(model))
