"""Many rows updated by (community_id, id) at once: the scheduler's writes of a batch.

On PostgreSQL one statement whose parameters are arrays, one element per row (`UPDATE … FROM
unnest(…)`), rows in id order (one lock order for every writer): the server plans and runs
one statement, not one per row, and the client binds a handful of arrays. On SQLite (one
writer, in-process) an executemany of the one-row UPDATE."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ARRAY, Table, TextClause, Update, bindparam, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import Base
from storage.statements import updating

_POSTGRESQL = postgresql.dialect()  # type: ignore[no-untyped-call]
_KEY_TYPES = {"community_id": "VARCHAR", "id": "INTEGER"}


def _from_arrays(table: Table, columns: Sequence[str]) -> TextClause:
    keys = ("community_id", "id", *columns)
    arrays = ", ".join(
        f"CAST(:{k} AS {_KEY_TYPES.get(k) or table.c[k].type.compile(_POSTGRESQL)}[])" for k in keys
    )
    name = table.name
    return text(
        f"UPDATE {name} SET {', '.join(f'{c} = v.{c}' for c in columns)} "  # noqa: S608 - names from the table's own columns; values bound
        f"FROM unnest({arrays}) AS v({', '.join(keys)}) "
        f"WHERE {name}.community_id = v.community_id AND {name}.id = v.id"
    ).bindparams(*(bindparam(k, type_=ARRAY(table.c[k].type)) for k in keys))


@dataclass(frozen=True)
class ManyUpdates:
    columns: tuple[str, ...]
    on_postgresql: TextClause
    on_sqlite: Update

    @classmethod
    def of(cls, model: type[Base], *columns: str) -> ManyUpdates:
        """Built once, at import: setting `columns` of the model's rows."""
        table = cast(Table, model.__table__)
        return cls(columns, _from_arrays(table, columns), updating(model))

    async def run(self, session: AsyncSession, rows: Sequence[Sequence[Any]]) -> None:
        """Each row is (community_id, id, *values in the order of `columns`)."""
        if not rows:
            return
        if session.bind is not None and session.bind.dialect.name == "sqlite":
            params = [
                {
                    "where_community_id": row[0],
                    "where_id": row[1],
                    **dict(zip(self.columns, row[2:], strict=True)),
                }
                for row in rows
            ]
            await session.execute(self.on_sqlite, params)
            return
        ordered = sorted(rows, key=lambda row: row[1])
        names = ("community_id", "id", *self.columns)
        arrays = {name: [row[i] for row in ordered] for i, name in enumerate(names)}
        await session.execute(self.on_postgresql, arrays)
