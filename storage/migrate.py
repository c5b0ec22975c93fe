"""Bring a database's schema up to date. Migrations are the only way the schema is made."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry

from storage.engine import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"

# Several processes may start at once against one PostgreSQL: one migrates, the others wait.
_PG_MIGRATION_LOCK = 0x706C63626F74  # "plcbot"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade(url: str, revision: str = "head") -> None:
    """Apply every migration up to `revision` in one transaction."""
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_foreign_keys_off)
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                await connection.execute(lock, {"key": _PG_MIGRATION_LOCK})
            await connection.run_sync(_upgrade, revision)
            if connection.dialect.name == "sqlite":
                await connection.run_sync(_sqlite_foreign_keys_hold)
    finally:
        await engine.dispose()


def _sqlite_foreign_keys_off(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    """SQLite changes a table by copying it; with foreign keys on, dropping the old copy would
    cascade into its children. SQLite's procedure: keys off while migrating (it can only be set
    outside a transaction, so at connect, after the engine's own pragmas), checked at the end."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=OFF")
    finally:
        cursor.close()


def _sqlite_foreign_keys_hold(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"a migration broke {len(broken)} foreign keys, e.g. {broken[0]}")


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


def upgrade_sync(url: str, revision: str = "head") -> None:
    """upgrade() for synchronous callers. It runs on its own thread with its own event loop,
    so it works whether or not the caller's thread is already running a loop."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="plcbot-migrate") as pool:
        pool.submit(lambda: asyncio.run(upgrade(url, revision))).result()


async def current_revision(url: str) -> str | None:
    """The revision the database is at; None for a database no migration has touched."""
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_current_revision)
    finally:
        await engine.dispose()


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
