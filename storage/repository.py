"""What every repository shares: the session, error translation, guarded writes."""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Delete, Select, Update, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.ports import Conflict
from storage.errors import is_foreign_key_violation, is_unique_violation, translated
from storage.tables import Base

R = TypeVar("R", bound=Base)


def _translating(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        with translated():
            return await method(*args, **kwargs)

    return wrapper


class SqlRepository:
    """Base of the repositories. Every public coroutine method of a subclass reports a lost
    database as StorageUnavailable and a refused value as ValueError, never as SQLAlchemy's
    own exceptions, so the core needs to know nothing about SQL."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if not name.startswith("_") and inspect.iscoroutinefunction(member):
                setattr(cls, name, _translating(member))

    async def _one(self, query: Select[tuple[R]]) -> R | None:
        # populate_existing: read what the database holds now, not the session's old copy.
        result = await self._session.scalars(query.execution_options(populate_existing=True))
        return result.one_or_none()

    async def _all(self, query: Select[tuple[R]]) -> Sequence[R]:
        result = await self._session.scalars(query.execution_options(populate_existing=True))
        return result.all()

    @asynccontextmanager
    async def _guarded(self) -> AsyncIterator[None]:
        """Make changes inside a SAVEPOINT, flushed on exit, so a rule that fires undoes only
        these changes and the unit of work stays usable. A uniqueness rule becomes Conflict; a
        missing parent (no such team, session or community in this community) LookupError."""
        try:
            async with self._session.begin_nested():
                yield
        except IntegrityError as error:
            if is_unique_violation(error):
                raise Conflict(str(error.orig)) from error
            if is_foreign_key_violation(error):
                raise LookupError(f"not in this community: {error.orig}") from error
            raise

    async def _insert(self, row: R) -> R:
        async with self._guarded():
            self._session.add(row)
        return row

    async def _insert_values(self, model: type[R], values: Mapping[str, Any]) -> None:
        """INSERT a row with a natural key, bypassing the session's identity map, so that a
        key that exists (in the database or in this session) is a Conflict, not a FlushError."""
        async with self._guarded():
            await self._session.execute(insert(model).values(**values))

    async def _upsert(
        self, model: type[R], key: tuple[Any, ...], values: Mapping[str, Any]
    ) -> None:
        """Insert the row, or update it if it exists. If another transaction inserts the same
        key meanwhile, the insert loses the race and becomes an update of the winner's row."""
        for attempt in (1, 2):
            try:
                async with self._guarded():
                    row = await self._session.get(model, key, populate_existing=True)
                    if row is None:
                        self._session.add(model(**values))
                    else:
                        for name, value in values.items():
                            setattr(row, name, value)
                return
            except Conflict:
                if attempt == 2:
                    raise

    async def _update(self, statement: Update, missing: str) -> None:
        """Run an UPDATE of one entity; LookupError if it matched nothing in the community."""
        async with self._guarded():
            result = cast(CursorResult[Any], await self._session.execute(statement))
        if result.rowcount == 0:
            raise LookupError(missing)

    async def _delete(self, statement: Delete | Update) -> int:
        """Run a DELETE (or a bulk UPDATE); how many rows it touched."""
        result = cast(CursorResult[Any], await self._session.execute(statement))
        return result.rowcount
