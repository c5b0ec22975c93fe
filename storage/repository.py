"""What every repository shares: the unit of work's transaction, error translation, guarded
writes."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import (
    CursorResult,
    Delete,
    Insert,
    Result,
    Select,
    Table,
    Update,
)
from sqlalchemy.exc import IntegrityError, MultipleResultsFound
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql.elements import ClauseElement

from bot.ports import Conflict
from storage.checked_insert import insert_checked
from storage.direct import DRIVER, Driver, Ran, driver_of, form_of
from storage.errors import rules_told, tell_rule, translate
from storage.prefetch import PREFETCHED
from storage.statements import adding, upserting
from storage.tables import Base
from storage.transaction import Transaction

R = TypeVar("R", bound=Base)
GUARD = "plcbot_guard"  # the one savepoint name of single-statement writes


def _translating(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def wrapper(self: SqlRepository, *args: Any, **kwargs: Any) -> Any:
        try:  # translated(), without a context manager's calls on every repository call
            if self._transaction.connection is None:  # after a commit or a rollback
                await self._transaction.connect()
            return await method(self, *args, **kwargs)
        except Exception as error:
            translate(error)
            raise

    return wrapper


class SqlRepository:
    """Base of the repositories. Every public coroutine method of a subclass reports a lost
    database as StorageUnavailable and a refused value as ValueError, never as SQLAlchemy's
    own exceptions, so the core needs to know nothing about SQL."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
        self._info = transaction.info
        self._sqlite = transaction.sqlite

    @property
    def _session(self) -> AsyncSession:
        """The ORM session, over the unit of work's connection, made on first use."""
        return self._transaction.session

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

    async def _one_of(self, query: Select[tuple[R]], **params: Any) -> R | None:
        """_one() of a prepared() query, as a row of the model's columns (read by attribute,
        like the model, by the `..._from_row` mappers), not a model instance."""
        return cast(R | None, await self._one_row(query, params))

    async def _all_of(self, query: Select[tuple[R]], **params: Any) -> Sequence[R]:
        """_all() of a prepared() query, as rows of the model's columns (see _one_of)."""
        ran = await self._direct(query, params)
        if ran is not None and ran.rows is not None:
            return cast(Sequence[R], ran.rows)
        result = await self._rows(query, params)
        return cast(Sequence[R], result.all())

    async def _one_row(self, query: Select[Any], params: Mapping[str, Any]) -> Any:
        """The one row a read finds, or None; MultipleResultsFound if it finds more."""
        ran = await self._direct(query, params)
        if ran is None or ran.rows is None:
            return (await self._rows(query, params)).one_or_none()
        if len(ran.rows) > 1:
            raise MultipleResultsFound("Multiple rows were found when one or none was required")
        return ran.rows[0] if ran.rows else None

    async def _direct(
        self, statement: ClauseElement, params: Mapping[str, Any], keys: tuple[str, ...] = ()
    ) -> Ran | None:
        """Run a statement of the hot paths on the driver (storage/direct.py), in the unit of
        work's transaction; None when it has to go through SQLAlchemy instead. `keys`: an
        INSERT's column names."""
        connection = await self._connection()
        info = self._info
        driver: Driver | None = info.get(DRIVER)
        if driver is None or driver.connection is not connection:
            driver = await driver_of(connection)
            if driver is None:
                return None
            info[DRIVER] = driver
        form = form_of(statement, driver.dialect, keys)
        return None if form is None else await driver.run(form, params)

    async def _rows(self, query: Select[Any], params: Mapping[str, Any]) -> Result[Any]:
        """Run a read on the unit of work's connection, without the ORM: the repositories map
        every row to a domain object at once, and building model instances (identity map,
        loader state) cost a third of each read's CPU."""
        connection = await self._connection()
        return await connection.execute(query, params)

    async def _connection(self) -> AsyncConnection:
        """The unit of work's connection, for a Core statement without the ORM; whatever the
        ORM session still holds unwritten is flushed first, as the ORM's autoflush would."""
        transaction = self._transaction
        self._info.pop(PREFETCHED, None)  # a statement runs: what was kept may change
        orm = transaction.orm
        if orm is not None:
            sync = orm.sync_session  # what session.new, .dirty, .deleted read, without copies
            if sync._new or sync._deleted or sync.identity_map._modified:
                await orm.flush()
        return transaction.connection or await transaction.connect()

    @asynccontextmanager
    async def _guarded(self, *, one_statement: bool = False) -> AsyncIterator[None]:
        """Make changes inside a SAVEPOINT, flushed on exit, so a rule that fires undoes only
        these changes and the unit of work stays usable. A uniqueness rule becomes Conflict; a
        missing parent (no such team, session or community in this community) LookupError.

        `one_statement`: the block runs a single Core statement (no ORM flush to undo), the
        scheduler's and every request's writes. SQLite undoes a statement that breaks a rule by
        itself and keeps the transaction going, so there the SAVEPOINT is left out. PostgreSQL
        aborts the whole transaction instead, so it gets one, under a fixed name: the ORM's
        savepoints are numbered per connection (sa_savepoint_1, _2, ...), so for asyncpg each
        is a statement never seen before, prepared on the server first: a SAVEPOINT and its
        RELEASE cost more than twice the statement they guard."""
        with rules_told():
            if not one_statement:
                async with self._session.begin_nested():
                    yield
            elif self._sqlite:
                yield
            else:
                async with self._savepoint():
                    yield

    @asynccontextmanager
    async def _savepoint(self) -> AsyncIterator[None]:
        connection = await self._connection()
        await connection.exec_driver_sql(f"SAVEPOINT {GUARD}")
        try:
            yield
        except Exception:
            with contextlib.suppress(Exception):  # a lost connection has nothing left to undo
                await connection.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {GUARD}")
                await connection.exec_driver_sql(f"RELEASE SAVEPOINT {GUARD}")
            raise
        await connection.exec_driver_sql(f"RELEASE SAVEPOINT {GUARD}")

    async def _insert(self, row: R) -> R:
        self._info.pop(PREFETCHED, None)  # a write: what was kept may change
        async with self._guarded():
            self._session.add(row)
        return row

    async def _insert_row(self, statement: Insert, values: Mapping[str, Any]) -> int:
        """_insert() for the hot paths: one INSERT ... RETURNING id of every column's value,
        on the connection, without the ORM. `statement` is `inserting(Model)`, built once. On
        PostgreSQL, an insert that no key rule can fail, in place of a SAVEPOINT around it
        (storage/checked_insert.py): the same Conflict and LookupError, in one round trip."""
        try:  # as rules_told(), without a context manager's calls on the hot path
            if self._sqlite:
                ran = await self._direct(statement, values, tuple(values))
                if ran is not None:
                    return int(cast(list[Any], ran.rows)[0][0])
                connection = await self._connection()
                result = await connection.execute(statement, values)
                return int(result.scalar_one())
            return await insert_checked(self._run, cast(Table, statement.table), values)
        except IntegrityError as error:
            tell_rule(error)
            raise

    async def _run(
        self, statement: ClauseElement, params: Mapping[str, Any], keys: tuple[str, ...] = ()
    ) -> Ran:
        """A statement's rows and row count: on the driver where it can, else SQLAlchemy's.
        `keys`: the columns an INSERT or UPDATE built once sets (see `_direct`)."""
        ran = await self._direct(statement, params, keys)
        if ran is not None:
            return ran
        connection = await self._connection()
        result = await connection.execute(cast(Any, statement), params)
        rows = list(result) if result.returns_rows else None
        return Ran(rows, len(rows) if rows is not None else cast(Any, result).rowcount)

    async def _insert_values(self, model: type[R], values: Mapping[str, Any]) -> None:
        """INSERT a row with a natural key, bypassing the session's identity map, so that a
        key that exists (in the database or in this session) is a Conflict, not a FlushError.
        One statement built once per model, on the driver (a reminder's claim is one)."""
        async with self._guarded(one_statement=True):
            await self._run(adding(model), values, tuple(values))

    async def _upsert(
        self, model: type[R], key: tuple[Any, ...], values: Mapping[str, Any]
    ) -> None:
        """Insert the row, or update it if it exists. If another transaction inserts the same
        key meanwhile, the insert loses the race and becomes an update of the winner's row.
        Two statements built once per model (`upserting`): the UPDATE of the row by its key,
        then, if that found none, the INSERT; only one of them changes anything, so on SQLite
        neither needs a SAVEPOINT (see `_guarded`). The second attempt's UPDATE sees the
        winner's row because PostgreSQL runs at READ COMMITTED (its default; storage sets no
        other): under REPEATABLE READ the race would end in Conflict instead."""
        self._info.pop(PREFETCHED, None)
        upsert = upserting(model)
        where = {**values, **dict(zip(upsert.where, key, strict=True))}
        setting = tuple(name for name in values if name not in upsert.key)
        for attempt in (1, 2):
            try:
                async with self._guarded(one_statement=True):
                    if (await self._run(upsert.update, where, setting)).rowcount == 0:
                        await self._run(upsert.insert, values, tuple(values))
                return
            except Conflict:
                if attempt == 2:
                    raise

    async def _update(
        self,
        statement: Update,
        missing: str,
        params: Mapping[str, Any] | None = None,
        *,
        rules: bool = True,
    ) -> None:
        """Run an UPDATE of one entity; LookupError if it matched nothing in the community.
        `params`: the values of a statement built once (see `updating`). `rules=False`: it
        sets no key, unique or foreign-key column, so no rule can fire and it needs no guard."""
        self._info.pop(PREFETCHED, None)
        if params is not None:  # built once: on the driver where it can
            if not rules:
                touched = (await self._run(statement, params, tuple(params))).rowcount
            else:
                async with self._guarded(one_statement=True):
                    touched = (await self._run(statement, params, tuple(params))).rowcount
        else:
            async with self._guarded() if rules else contextlib.nullcontext():
                result = cast(CursorResult[Any], await self._session.execute(statement))
            touched = result.rowcount
        if touched == 0:
            raise LookupError(missing)

    async def _delete(self, statement: Delete | Update) -> int:
        """Run a DELETE (or a bulk UPDATE); how many rows it touched."""
        self._info.pop(PREFETCHED, None)
        result = cast(CursorResult[Any], await self._session.execute(statement))
        return result.rowcount
