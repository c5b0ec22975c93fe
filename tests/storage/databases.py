"""Making and clearing test databases, outside the event loop of the test being run."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import asyncpg
from sqlalchemy import make_url

from storage.engine import make_engine
from storage.installation_tables import installation_metadata
from storage.tables import metadata

T = TypeVar("T")


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion on a thread of its own (with its own event loop), so
    synchronous fixtures can use it whatever loop pytest-asyncio has running."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def masked(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


async def ping(url: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url), timeout=5)
    await connection.close()


async def create_database(url: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url), timeout=5)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def drop_database(url: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url), timeout=5)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def truncate_all(url: str) -> None:
    """Every table emptied and every id sequence started again, as `TRUNCATE ... RESTART
    IDENTITY` would leave them. DELETE, children first, in one transaction: a test leaves a
    few rows, and TRUNCATE makes each of the ~45 tables a new file (about a second a test)."""
    every = [*metadata.sorted_tables, *installation_metadata.sorted_tables]
    names = [table.name for table in every]
    deletes = "".join(f'DELETE FROM "{name}";' for name in reversed(names))
    connection = await asyncpg.connect(asyncpg_dsn(url), timeout=5)
    try:
        async with connection.transaction():
            await connection.execute(deletes)
            owned = await connection.fetch(_OWNED_SEQUENCES, names)
            if owned:
                await connection.execute(
                    "".join(f'ALTER SEQUENCE "{s}" RESTART;' for (s,) in owned)
                )
    finally:
        await connection.close()


# the sequences of the tables' serial and identity columns (what RESTART IDENTITY restarts)
_OWNED_SEQUENCES = """
SELECT s.relname FROM pg_class s
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
  AND d.deptype IN ('a', 'i')
JOIN pg_class t ON t.oid = d.refobjid
WHERE s.relkind = 'S' AND t.relname = ANY($1::text[]) AND t.relnamespace = s.relnamespace
  AND pg_table_is_visible(t.oid)
"""


async def run_sync_on(url: str, work: Callable[[Any], T]) -> T:
    """`work(connection)` in one transaction on the database at `url` (SQLAlchemy Core)."""
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()
