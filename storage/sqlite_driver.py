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
SQLAlchemy's own.

Since then BEGIN IMMEDIATE (when the lock is free), the hot paths' statements
(storage/direct.py) and the commit run in the event loop's thread, and a `/plc checkin` hands
nothing over: in a burst, each hand-over was a wait for the worker thread to get the GIL
from a busy loop, and for the loop to take the result back, with the one connection held
(see `commit`). The write-ahead log is checkpointed in a thread of its own instead
(storage/sqlite_checkpoints.py)."""

from __future__ import annotations

import logging
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

from storage.sqlite_checkpoints import SIZE_LIMIT, Checkpoints, checkpoint_here

log = logging.getLogger(__name__)

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
    # the file's checkpoints (None in memory); whether a commit runs in the event loop's
    # thread (None until the first commit reads the journal mode)
    __slots__ = ("_checkpoints", "_commit_here")

    def __init__(self, dbapi: Any, connection: Any, checkpoints: Checkpoints | None) -> None:
        super().__init__(dbapi, connection)
        self._checkpoints = checkpoints
        self._commit_here: bool | None = None

    def commit(self) -> None:
        """COMMIT in the event loop's thread, no hand-over: in WAL mode a commit that holds
        the write lock (every unit of work took it with BEGIN IMMEDIATE) waits for no lock,
        and, with SQLite's automatic checkpoint off (storage/sqlite_checkpoints.py), for the
        disk only when the log starts over (`synchronous=NORMAL`): it appends its pages to
        the log, tens of microseconds. A log grown long under commits back to back is
        checkpointed here, in the worker thread, so that it starts over (see
        storage/sqlite_checkpoints.py). Handed to the worker thread, a commit waited for the GIL there and
        again for the result to come back, while the loop ran other requests: the one
        connection, and every request queued for it, waited too. Another journal mode (a
        file system without WAL) commits in the worker thread, where waiting belongs."""
        connection: Any = self._connection  # an aiosqlite.Connection
        try:
            if self._commit_here is None:
                self._commit_here = _journal_mode(connection._conn) in ("wal", "memory")
            if not self._commit_here:
                super().commit()
                return
            connection._conn.commit()
        except Exception as error:
            self._handle_exception(error)
        checkpoints = self._checkpoints
        if checkpoints is not None:
            checkpoints.committed()
            if checkpoints.overdue:
                checkpoints.overdue = False
                self._checkpoint_here(connection)

    def _checkpoint_here(self, connection: Any) -> None:
        try:
            self.await_(connection._execute(checkpoint_here, connection._conn))
        except sqlite3.Error as error:  # committed already: the next checkpoint tries again
            log.warning("could not checkpoint the write-ahead log: %s", error)

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._checkpoints is not None:
                self._checkpoints.close()

    def terminate(self) -> None:
        try:
            super().terminate()
        finally:
            if self._checkpoints is not None:
                self._checkpoints.close()

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
        connecting: Any = aiosqlite.connect(*arg, **kw)
        connecting._thread.daemon = True  # as SQLAlchemy's adapter does
        connection: Any = await_only(connecting)
        return _Connection(self, connection, _checkpoints(connection._conn))


def _journal_mode(connection: sqlite3.Connection) -> str:
    cursor = connection.execute("PRAGMA journal_mode")
    try:
        return str(cursor.fetchone()[0]).lower()
    finally:
        cursor.close()


def _checkpoints(connection: sqlite3.Connection) -> Checkpoints | None:
    """The file's checkpoints, SQLite's automatic ones turned off on this connection (the
    commits in the event loop's thread must not run one); None for a database in memory."""
    cursor = connection.execute("PRAGMA database_list")
    try:
        path = next((str(row[2]) for row in cursor.fetchall() if row[1] == "main"), "")
    finally:
        cursor.close()
    if not path:
        return None
    connection.execute("PRAGMA wal_autocheckpoint=0").close()
    connection.execute(f"PRAGMA journal_size_limit={SIZE_LIMIT}").close()
    return Checkpoints(path)


SqliteConnection = _Connection  # what storage/direct.py runs statements on


def module() -> AsyncAdapt_aiosqlite_dbapi:
    """The DB-API module to give create_async_engine(module=...) for sqlite+aiosqlite URLs."""
    return _Module(aiosqlite, sqlite3)
