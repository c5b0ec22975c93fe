"""SQLAlchemy's aiosqlite driver with one thread hand-over per statement instead of four.

aiosqlite runs each SQLite call in its connection's worker thread, and each call is a hand-over
between the event loop and that thread (a queue put, a thread wake-up, a callback scheduled
back on the loop): about 70 µs of CPU, more than a small statement takes to run. SQLAlchemy's
adapter makes four per statement (open a cursor, execute, fetch the rows, close the cursor),
and one for the pool's rollback after a commit: a `/plc checkin` made twenty. Here a
statement's four calls run together in the worker thread, as one call (the same sqlite3 calls
in the same order on the same connection, the same errors, the same results), and a rollback
with no transaction open, which sqlite3 makes a no-op, is not handed over. A `/plc checkin`
makes six: BEGIN IMMEDIATE (at the unit of work's start, so a database locked elsewhere is
reported on entry), its four statements, the commit. Server-side (streamed) cursors are
SQLAlchemy's own."""

from __future__ import annotations

import sqlite3
from collections import deque
from typing import Any, cast

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    AsyncAdapt_aiosqlite_ss_cursor,
)
from sqlalchemy.util.concurrency import await_only

# What one statement hands back from the worker thread: description, rows, lastrowid, rowcount
Ran = tuple[Any, list[Any] | None, Any, int]


def _execute(connection: sqlite3.Connection, operation: str, parameters: Any) -> Ran:
    """In the worker thread: what AsyncAdapt_aiosqlite_cursor.execute does, in one call."""
    cursor = connection.cursor()
    try:
        if parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        if cursor.description:
            return cursor.description, cursor.fetchall(), -1, -1
        return None, None, cursor.lastrowid, cursor.rowcount
    finally:
        cursor.close()


def _executemany(connection: sqlite3.Connection, operation: str, parameters: Any) -> Ran:
    cursor = connection.cursor()
    try:
        cursor.executemany(operation, parameters)
        return None, None, cursor.lastrowid, cursor.rowcount
    finally:
        cursor.close()


class _Cursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._ran(_execute, operation, parameters)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._ran(_executemany, operation, seq_of_parameters)

    def _ran(self, function: Any, operation: Any, parameters: Any) -> None:
        connection: Any = self._connection  # an aiosqlite.Connection
        try:
            ran: Ran = self.await_(
                connection._execute(function, connection._conn, operation, parameters)
            )
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        description, rows, self.lastrowid, self.rowcount = ran
        self.description = description
        self._rows = deque(rows) if rows is not None else deque()


BUSY_SECONDS = 5  # how long a unit of work waits for SQLite's write lock (busy_timeout)
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _begin_immediate(connection: sqlite3.Connection) -> None:
    connection.execute("BEGIN IMMEDIATE").close()


def _begin_now(connection: sqlite3.Connection) -> bool:
    """BEGIN IMMEDIATE without waiting: True when the write lock was free (nearly always: a
    process has one connection), False when another process holds it."""
    connection.execute("PRAGMA busy_timeout=0").close()
    try:
        connection.execute("BEGIN IMMEDIATE").close()
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode in _BUSY:
            return False
        raise
    finally:
        connection.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}").close()
    return True


class _Connection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()

    def begin_immediate(self) -> None:
        """BEGIN IMMEDIATE: at once in the event loop's thread when the write lock is free
        (microseconds; no hand-over), else in the worker thread, which waits for the other
        process up to busy_timeout, as one hand-over."""
        connection: Any = self._connection  # an aiosqlite.Connection
        try:
            if not _begin_now(connection._conn):
                self.await_(connection._execute(_begin_immediate, connection._conn))
        except Exception as error:
            self._handle_exception(error)

    def sqlite3(self) -> sqlite3.Connection:
        """The sqlite3 connection itself, usable from the event loop's thread (see
        storage/direct.py) while the worker thread runs nothing of it."""
        return cast(sqlite3.Connection, self._connection._conn)

    def cursor(self, server_side: bool = False) -> AsyncAdapt_aiosqlite_cursor:
        if server_side:
            return AsyncAdapt_aiosqlite_ss_cursor(self)
        return _Cursor(self)

    def rollback(self) -> None:
        """sqlite3's rollback() does nothing outside a transaction; nor does this, without
        the hand-over (the pool rolls back every connection it gets back, even after a
        commit). Reading the flag is safe: the worker runs nothing while SQLAlchemy waits."""
        connection: Any = self._connection  # an aiosqlite.Connection
        try:
            idle = not connection._conn.in_transaction
        except Exception as error:
            self._handle_exception(error)
        if not idle:
            super().rollback()


class _Module(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        if kw.get("async_fallback") or kw.get("async_creator_fn"):
            return super().connect(*arg, **kw)
        kw.pop("async_fallback", None)
        kw.pop("async_creator_fn", None)
        # storage/direct.py runs the hot paths' statements from the event loop's thread, while
        # the worker thread waits for nothing (never both at once)
        kw["check_same_thread"] = False
        connection = aiosqlite.connect(*arg, **kw)
        connection._thread.daemon = True  # as SQLAlchemy's adapter does
        return _Connection(self, await_only(cast(Any, connection)))


SqliteConnection = _Connection  # what storage/direct.py runs statements on


def module() -> AsyncAdapt_aiosqlite_dbapi:
    """The DB-API module to give create_async_engine(module=...) for sqlite+aiosqlite URLs."""
    return _Module(aiosqlite, sqlite3)
