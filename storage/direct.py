"""The hot paths' statements handed to the database driver directly, past SQLAlchemy's execution.

A request's statements (its context, the open session, a check-in or reflection, the replay
claim) are few and small, and each one cost SQLAlchemy about 150 Python calls on its way to the
driver: the greenlet bridge, the execution context, the result object; on SQLite, one more
hand-over to aiosqlite's worker thread (a wake-up of the event loop and of every coroutine that
waits on it). Here the statement is compiled by SQLAlchemy once per dialect (the same SQL, the
same bind and result processing of each column's type), and each call runs on the unit of
work's own connection, inside its transaction:

- SQLite: on the sqlite3 connection, in the event loop's thread. The unit of work began with
  BEGIN IMMEDIATE (in the worker thread, where waiting for another process's lock belongs), so
  its statements never wait for a lock (write-ahead log), and these take microseconds; so does
  the commit (storage/sqlite_driver.py; the log is checkpointed in a thread of its own).
- PostgreSQL: on the asyncpg connection, under SQLAlchemy's own lock of it and in its
  transaction, with its cache of prepared statements.

Errors are SQLAlchemy's, as they would have been (IntegrityError, OperationalError, ...), and a
connection the driver lost is invalidated, so the unit of work reports StorageUnavailable.
Only statements built once (at import, or cached) and marked so with `once` come here: their
compiled forms are kept by the statement's id, a bounded few. A statement built per call would
add a form never freed (holding its literal values, a user's id after an erasure) and, on
SQLite, run a read of any length in the event loop's thread. A statement this cannot take
(expanding IN lists, column defaults computed in Python, unnamed or repeated result columns)
or not marked is None from `form_of`, and the caller runs it through SQLAlchemy."""

from __future__ import annotations

import asyncio
import contextlib
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ClauseElement

from storage.sqlite_driver import SqliteConnection

Processor = Callable[[Any], Any] | None
C = TypeVar("C", bound=ClauseElement)
_ONCE: dict[int, ClauseElement] = {}  # the statements built once, by id (kept alive: ids stay)
_FORMS: dict[tuple[int, str, tuple[str, ...]], Form | None] = {}
_UNSEEN: Any = object()
DRIVER = "plcbot.driver"  # in a unit of work's `info`: its connection's Driver, once asked for


def once(statement: C) -> C:
    """Mark a statement built once (at import, or cached) as one the driver may run."""
    _ONCE[id(statement)] = statement
    return statement


class Form:
    """One statement compiled for one dialect: its SQL, its parameters in order with their
    bind processors, its result columns as a row class with their result processors."""

    __slots__ = ("binds", "defaults", "names", "plain", "results", "row", "sql", "types")

    def __init__(self, compiled: Any, row: type | None) -> None:
        self.sql: str = compiled.string
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        processors = compiled._bind_processors
        self.binds: tuple[Processor, ...] = tuple(processors.get(n) for n in self.names)
        self.defaults = {
            name: bind.value
            for name, bind in ((n, compiled.binds[n]) for n in self.names)
            if bind.value is not None and not bind.callable
        }
        self.types = tuple(column.type for column in compiled._result_columns)
        self.row = row
        self.results: tuple[Processor, ...] | None = None  # on the first run (types' codes)
        self.plain = False  # no column has a result processor

    def parameters(self, params: Mapping[str, Any]) -> list[Any]:
        defaults = self.defaults
        return [
            value if bind is None or value is None else bind(value)
            for bind, value in zip(
                self.binds,
                [params[n] if n in params else defaults[n] for n in self.names],
                strict=True,
            )
        ]

    def rows(self, raw: Sequence[Any]) -> list[Any]:
        assert self.row is not None and self.results is not None
        make = self.row._make  # type: ignore[attr-defined]
        results = self.results
        if self.plain:
            return [make(values) for values in raw]
        return [
            make(
                [
                    v if p is None or v is None else p(v)
                    for p, v in zip(results, values, strict=True)
                ]
            )
            for values in raw
        ]

    def learn_results(self, dialect: Dialect, codes: Sequence[Any]) -> None:
        """The result processors, once the driver told each column's type code."""
        self.results = tuple(
            type_._cached_result_processor(dialect, code)
            for type_, code in zip(self.types, codes, strict=True)
        )
        self.plain = not any(self.results)


def form_of(statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...] = ()) -> Form | None:
    """The statement compiled for the dialect, once; None if it must go through SQLAlchemy
    (one not marked by `once` among them). `keys`: an INSERT's column names (its values arrive
    at execution)."""
    key = (id(statement), dialect.name, keys)
    found = _FORMS.get(key, _UNSEEN)
    if found is _UNSEEN:
        if _ONCE.get(key[0]) is not statement:
            return None  # built per call: SQLAlchemy's own cache knows what to keep
        found = _FORMS[key] = _compile(statement, dialect, keys)
    return found  # type: ignore[no-any-return]


def _compile(statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...]) -> Form | None:
    compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys) or None)
    if "POSTCOMPILE" in compiled.string or compiled.insert_prefetch or compiled.update_prefetch:
        return None  # values worked out by SQLAlchemy at execution
    if not compiled.positional:
        return None
    names = [column.keyname for column in compiled._result_columns]
    if not names:
        return Form(compiled, None)
    try:
        return Form(compiled, namedtuple("Row", names))
    except ValueError:  # a name that is not an attribute's, or twice
        return None


class Ran:
    """What a statement gave back: its rows (None for a statement without), rows touched."""

    __slots__ = ("rowcount", "rows")

    def __init__(self, rows: list[Any] | None, rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount


class Driver:
    """The unit of work's connection, as its driver: `run` a statement's Form."""

    def __init__(self, connection: AsyncConnection, dbapi_connection: Any) -> None:
        self.connection = connection
        self.dialect: Dialect = connection.dialect
        self._dbapi_connection = dbapi_connection
        self._sync = connection.sync_connection

    async def run(self, form: Form, params: Mapping[str, Any]) -> Ran:
        raise NotImplementedError

    def _told(self, form: Form, args: list[Any]) -> None:
        """The engine's `before_cursor_execute` listeners hear of the statement as if
        SQLAlchemy ran it (no cursor, no execution context): what counts statements still
        counts these. Called only when the connection or its engine has listeners."""
        sync = self._sync
        if sync is not None:
            sync.dispatch.before_cursor_execute(sync, None, form.sql, args, None, False)

    def _heard(self) -> bool:
        sync = self._sync
        return sync is not None and (sync._has_events or sync.engine._has_events)

    async def _failed(self, form: Form, error: Exception) -> sa_exc.StatementError:
        """The error as SQLAlchemy would have raised it; a lost connection is invalidated."""
        dialect = self.dialect
        lost = dialect.is_disconnect(error, self._dbapi_connection, None)  # type: ignore[arg-type]
        if lost:
            await self.connection.invalidate(error)
        return sa_exc.DBAPIError.instance(
            form.sql,
            None,
            error,
            dialect.loaded_dbapi.Error,
            hide_parameters=True,
            connection_invalidated=lost,
            dialect=dialect,
        )

    async def _abandoned(self, error: BaseException) -> None:
        """A statement cancelled (or interrupted) under way: its connection is invalidated, as
        SQLAlchemy's own execution does, shielded from a second cancellation."""
        with contextlib.suppress(Exception):
            await asyncio.shield(self.connection.invalidate(error))


class SqliteDriver(Driver):
    def __init__(self, connection: AsyncConnection, dbapi_connection: Any) -> None:
        super().__init__(connection, dbapi_connection)
        self._sqlite = dbapi_connection.sqlite3()  # the same for the connection's life

    async def run(self, form: Form, params: Mapping[str, Any]) -> Ran:
        args = form.parameters(params)
        if self._heard():
            self._told(form, args)
        sqlite = self._sqlite
        try:
            cursor = sqlite.execute(form.sql, args)
            try:
                if cursor.description is None:
                    return Ran(None, cursor.rowcount)
                raw = cursor.fetchall()
            finally:
                cursor.close()
        except self.dialect.loaded_dbapi.Error as error:
            raise await self._failed(form, error) from error
        if form.results is None:
            form.learn_results(self.dialect, [None] * len(form.types))
        return Ran(form.rows(raw), len(raw))


class AsyncpgDriver(Driver):
    async def run(self, form: Form, params: Mapping[str, Any]) -> Ran:
        args = form.parameters(params)
        if self._heard():
            self._told(form, args)
        adapted = self._dbapi_connection  # SQLAlchemy's AsyncAdapt_asyncpg_connection
        try:
            async with adapted._execute_mutex:
                try:
                    if not adapted._started:
                        await adapted._start_transaction()
                    asof = getattr(self.dialect, "_invalidate_schema_cache_asof", 0)
                    prepared, attributes = await adapted._prepare(form.sql, asof)
                    raw = await prepared.fetch(*args)
                except Exception as error:
                    adapted._handle_exception(error)  # raises SQLAlchemy's DB-API error
        except self.dialect.loaded_dbapi.Error as error:
            raise await self._failed(form, error) from error
        except BaseException as error:  # cancelled mid-statement: the connection's state is lost
            if not isinstance(error, Exception):
                await self._abandoned(error)
            raise
        if form.row is None:
            return Ran(None, _count(prepared.get_statusmsg()))
        if form.results is None:
            form.learn_results(self.dialect, [attribute.type.oid for attribute in attributes])
        return Ran(form.rows(raw), len(raw))


def _count(status: str | None) -> int:
    """Rows touched, from PostgreSQL's status ("INSERT 0 1", "UPDATE 3")."""
    last = (status or "").rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else -1


async def driver_of(connection: AsyncConnection) -> Driver | None:
    """The connection's driver, for the dialects this knows; None for others."""
    sync = connection.sync_connection
    # checked out already (the unit of work began): no trip through the greenlet bridge
    raw = sync._dbapi_connection if sync is not None else None
    if raw is None:
        raw = await connection.get_raw_connection()
    name = (connection.dialect.name, connection.dialect.driver)
    if name == ("sqlite", "aiosqlite") and isinstance(raw.dbapi_connection, SqliteConnection):
        return SqliteDriver(connection, raw.dbapi_connection)
    if name == ("postgresql", "asyncpg"):
        return AsyncpgDriver(connection, raw.dbapi_connection)
    return None
