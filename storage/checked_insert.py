"""PostgreSQL's insert of the hot paths without a SAVEPOINT: one statement that no key rule can
fail, so it never aborts the transaction.

PostgreSQL aborts the whole transaction when a statement breaks a rule (a unique key, a
foreign key), so a write that must leave the unit of work usable after a Conflict or a
LookupError ran inside SAVEPOINT ... RELEASE: two more round trips, each as costly in CPU as
the INSERT itself (a check-in's or a reflection's SAVEPOINT and RELEASE were a fifth of the
request's database work). Instead the row is inserted only where every parent its foreign keys
name exists, and ON CONFLICT DO NOTHING skips a key that is taken:

    INSERT INTO checkins (community_id, team_id, ...)
    SELECT :community_id, :team_id, ...
    WHERE EXISTS (SELECT 1 FROM communities WHERE id = :community_id)
      AND (:session_id IS NULL OR EXISTS (SELECT 1 FROM sessions WHERE ...))
    ON CONFLICT DO NOTHING RETURNING id

No row back means one or the other; `missing_parent` tells them apart afterwards, on that rare
path. Written as text (built once per table and set of columns, with the columns' types):
SQLAlchemy never caches the compiled form of its dialects' ON CONFLICT inserts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Boolean, ForeignKeyConstraint, Table, TextualSelect, bindparam, text
from sqlalchemy.sql.elements import ClauseElement

from bot.ports import Conflict
from storage.direct import Ran, once

# Runs a statement in the unit of work's transaction (SqlRepository._run).
Run = Callable[[ClauseElement, Mapping[str, Any]], Awaitable[Ran]]


async def insert_checked(run: Run, table: Table, values: Mapping[str, Any]) -> int:
    """Insert the row; its id. LookupError if a parent it names is missing (in its community),
    Conflict if a unique key of it is taken; the transaction goes on either way."""
    rows = (await run(checked_insert(table, tuple(values)), values)).rows
    if rows:
        return int(rows[0][0])
    for fk, query in parent_checks(table, values):
        params = {name: values[name] for name in fk.column_keys}
        found = (await run(query, params)).rows
        if not (found and found[0][0]):
            parent = fk.referred_table.name
            raise LookupError(f"not in this community: no such row of {parent}")
    raise Conflict(f"{table.name}: a row with that key exists already")


def _parent_exists(fk: ForeignKeyConstraint) -> str:
    parent = fk.referred_table.name
    match = " AND ".join(
        f"{parent}.{element.column.name} = :{element.parent.name}" for element in fk.elements
    )
    return f"EXISTS (SELECT 1 FROM {parent} WHERE {match})"  # noqa: S608 (names from our tables)


def _checked_keys(table: Table, columns: Collection[str]) -> list[ForeignKeyConstraint]:
    """The foreign keys the insert sets: a key whose columns are not all given is NULL, which
    no parent needs to match."""
    return [
        fk
        for fk in sorted(table.foreign_key_constraints, key=lambda fk: tuple(fk.column_keys))
        if all(name in columns for name in fk.column_keys)
    ]


def _condition(fk: ForeignKeyConstraint) -> str:
    """SQL's MATCH SIMPLE: a key with a NULL column needs no parent."""
    nulls = " OR ".join(f":{name} IS NULL" for name in fk.column_keys)
    return f"({nulls} OR {_parent_exists(fk)})"


@cache
def checked_insert(table: Table, columns: tuple[str, ...]) -> TextualSelect:
    """The INSERT ... SELECT ... WHERE parents exist ON CONFLICT DO NOTHING RETURNING id."""
    keys = _checked_keys(table, columns)
    where = " AND ".join(_condition(fk) for fk in keys) or "TRUE"
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"SELECT {', '.join(f':{name}' for name in columns)} "
        f"WHERE {where} ON CONFLICT DO NOTHING RETURNING {table.name}.id"
    )
    query = text(sql).bindparams(*(bindparam(name, type_=table.c[name].type) for name in columns))
    return once(query.columns(table.c.id))


@cache
def _parent_query(fk: ForeignKeyConstraint) -> TextualSelect:
    table = fk.table
    query = text(f"SELECT {_parent_exists(fk)} AS found")
    typed = query.bindparams(
        *(bindparam(name, type_=table.c[name].type) for name in fk.column_keys)
    )
    return once(typed.columns(found=Boolean()))


def parent_checks(
    table: Table, values: Mapping[str, Any]
) -> list[tuple[ForeignKeyConstraint, TextualSelect]]:
    """The parents to look for when the insert added no row: each foreign key the values set
    (no column NULL), with its query."""
    return [
        (fk, _parent_query(fk))
        for fk in _checked_keys(table, values)
        if all(values[name] is not None for name in fk.column_keys)
    ]
