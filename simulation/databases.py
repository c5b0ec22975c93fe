"""Where a run keeps its data: a new SQLite file, or a new database on a PostgreSQL server
(created for the run and dropped after it, so runs never share rows).

The run's database is thrown away after it, so its durability is relaxed, for it alone (never
the product's defaults): the SQLite file lives in memory-backed /dev/shm when there is one,
and the PostgreSQL database commits without waiting for its WAL to reach the disk. Neither
changes what any query answers; a year's tens of thousands of commits stop waiting on fsync."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from simulation.scratch import run_folder


@asynccontextmanager
async def fresh_database(server: str | None, seed: int) -> AsyncIterator[str]:
    """A database URL nobody else uses: `server` is a PostgreSQL URL (its database is only
    where to connect to create the run's own), or None for a new SQLite file."""
    if server is None:
        with run_folder("plcbot-sim-", memory=True) as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'simulation.sqlite3'}"
        return
    url = make_url(server)
    name = f"plcbot_sim_{os.getpid()}_{seed}"
    await _run(
        server,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
        f'ALTER DATABASE "{name}" SET synchronous_commit = off',
    )
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        await _run(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _run(server: str, *statements: str) -> None:
    engine = create_async_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()
