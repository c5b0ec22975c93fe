"""Engines and sessions: SQLite (aiosqlite) by default, PostgreSQL (asyncpg) in production."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import URL, event, make_url
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from bot.files import create_private_file, private_dir
from storage import sqlite_driver

SQLITE_FILE = "plcbot.sqlite3"

# Set in a session's `info` by a unit of work that erased people's data (forget, purge,
# retention): after its commit the unit of work checkpoints SQLite's write-ahead log.
ERASED = "plcbot.erased"

BUSY_SECONDS = sqlite_driver.BUSY_SECONDS  # how long a unit of work waits for the write lock

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    # Deleted rows are overwritten with zeros, not left in free space (DATA-PRIVACY.md).
    "PRAGMA secure_delete=ON",
    f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}",
)


def default_sqlite_url(data_dir: Path) -> str:
    """The embedded database: one SQLite file in the data directory."""
    path = (data_dir.expanduser() / SQLITE_FILE).absolute()
    return URL.create("sqlite+aiosqlite", database=str(path)).render_as_string()


PG_CONNECT_SECONDS = 5
PG_STATEMENT_SECONDS = 20
# A pooled PostgreSQL connection unused for longer than this is pinged before a unit of work
# gets it (see _ping_when_idle).
PING_IDLE_SECONDS = 5.0
RETURNED = "plcbot.returned"  # when the connection went back to the pool (its record's info)


def make_engine(url: str) -> AsyncEngine:
    """An engine for the URL. Errors never carry statement parameters (hide_parameters):
    they may be a teacher's private reflection, and errors end up in logs."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_file(parsed)
        # A file database takes one writer at a time, and every unit of work begins with the
        # write lock (BEGIN IMMEDIATE below): one connection per process, so units of work
        # queue for it in order. With more, the waiting ones sit in SQLite's busy handler,
        # which sleeps 1, 2, 5 ... 100 ms between tries, long after the lock is free: under
        # a burst that turned 4 ms transactions into 1.5 s waits. The pool's wait has the
        # same limit as busy_timeout; past it the caller gets StorageUnavailable, as before.
        pool: dict[str, Any] = (
            {"pool_size": 1, "max_overflow": 0, "pool_timeout": BUSY_SECONDS} if path else {}
        )
        ours = parsed.get_driver_name() == "aiosqlite"
        if ours:
            pool["module"] = sqlite_driver.module()  # one thread hand-over per statement
        engine = create_async_engine(parsed, hide_parameters=True, **pool)
        _configure_sqlite(engine, path, begin_in_driver=ours)
        return engine
    if backend == "postgresql":
        # A server that accepts but never answers must not hang a teacher's request: connecting
        # and each statement are bounded, and the caller hears StorageUnavailable.
        engine = create_async_engine(
            parsed,
            hide_parameters=True,
            pool_use_lifo=True,  # the connection used last goes out first: it is the warm one
            connect_args={"timeout": PG_CONNECT_SECONDS, "command_timeout": PG_STATEMENT_SECONDS},
        )
        _ping_when_idle(engine)
        return engine
    return create_async_engine(parsed, hide_parameters=True)


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Ping a pooled connection before handing it out only if it sat unused for longer than
    PING_IDLE_SECONDS; a dead one is replaced by a new connection, and the unit of work never
    sees it (what pool_pre_ping did for every connection). pool_pre_ping cost three round trips
    before every unit of work on asyncpg (BEGIN, an empty query, ROLLBACK): as many as a
    check-in's own reads and writes. A connection that was in use a moment ago is alive as far
    as anyone can know without asking; if the server went away since, the unit of work using it
    fails as one would mid-request (StorageUnavailable: "nothing was saved, try again") and
    the pool then replaces every connection it holds, so the next request reconnects."""
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect

    @event.listens_for(sync_engine, "checkin")
    def returned(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[RETURNED] = time.monotonic()

    @event.listens_for(sync_engine, "checkout")
    def ping_if_idle(
        dbapi_connection: Any, record: ConnectionPoolEntry, proxy: PoolProxiedConnection
    ) -> None:
        since = record.info.get(RETURNED)
        if since is None or time.monotonic() - since <= PING_IDLE_SECONDS:
            return  # new, or in use a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool discards this connection and hands out a new one instead.
            raise DisconnectionError("a pooled connection did not answer its ping") from error


def _sqlite_file(url: URL) -> Path | None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _configure_sqlite(engine: AsyncEngine, path: Path | None, *, begin_in_driver: bool) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "do_connect")
    def make_directory(
        dialect: Dialect, record: ConnectionPoolEntry, cargs: Any, cparams: Any
    ) -> None:
        # On every connection attempt, so a directory that cannot be made fails the
        # connection (StorageUnavailable), not the program's start. The folder is made 0700
        # and the file 0600 before SQLite opens it; SQLite gives its -wal and -shm files the
        # database file's mode.
        if path is not None:
            private_dir(path.parent)
            create_private_file(path)

    @event.listens_for(sync_engine, "connect")
    def set_pragmas(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        # The driver's own BEGIN handling breaks SAVEPOINT; SQLAlchemy emits BEGIN instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    # Take the write lock at the start: concurrent units of work then wait their turn
    # (busy_timeout) instead of failing when a read-then-write transaction upgrades.
    if begin_in_driver:
        # As the dialect's own BEGIN (SQLite's is none: sqlite3 begins by itself), so SQLAlchemy
        # reports its errors as a statement's; one hand-over to the worker thread, not a
        # statement's trip through SQLAlchemy's execution, and no engine event listener, which
        # would make SQLAlchemy dispatch events around every statement and commit.
        sync_engine.dialect.do_begin = _do_begin_immediate  # type: ignore[method-assign]
        return

    @event.listens_for(sync_engine, "begin")
    def begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _do_begin_immediate(dbapi_connection: Any) -> None:
    raw = dbapi_connection.dbapi_connection  # the pool's proxy around sqlite_driver's connection
    raw.begin_immediate()


async def checkpoint(engine: AsyncEngine) -> None:
    """Copy SQLite's write-ahead log into the database file and truncate it to zero bytes, so
    what a deletion removed is gone from the -wal file too (with secure_delete, the main
    file's pages were zeroed). Runs outside any transaction; a no-op on other databases."""
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        if driver is not None:
            cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await cursor.close()
