"""The two-process world's database cut (simulation/dbcut.py): a PostgreSQL client on the
proxy's Unix socket (the proxy on to the server by TCP, or by the server's own Unix socket
when it lets the user in there) gets its answers whole (a large result too, through the proxy's
back-pressure); a cut breaks the open connection and refuses a new one until it is over; then
connections pass again, and the proxy leaves nothing open when stopped."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from simulation.dbcut import DatabaseCut, local_socket, through


@pytest.mark.postgres
@pytest.mark.parametrize("local", [False, True], ids=["tcp", "local socket"])
async def test_the_cut_breaks_and_refuses_connections_until_it_is_over(
    postgres_server: str, tmp_path: Path, local: bool
) -> None:
    server = make_url(postgres_server)
    upstream = await local_socket(postgres_server) if local else None
    if local and upstream is None:
        pytest.skip("the server has no Unix socket here that lets the user in")
    cut = DatabaseCut(server.host or "", server.port or 5432, tmp_path / "db", upstream)
    await cut.start()
    engine = create_async_engine(through(server, cut.folder))
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT repeat('x', 1000) FROM generate_series(1, 5000)")
            )
            assert len(rows.all()) == 5000  # 5 MB: more than a socket's buffer at once
            cut.cut(0.5)
            with pytest.raises(DBAPIError):
                await connection.scalar(text("SELECT 1"))
        with pytest.raises(
            (DBAPIError, OSError, asyncpg.PostgresConnectionError)
        ):  # closed at once
            async with engine.connect() as connection:
                await connection.scalar(text("SELECT 1"))
        await cut.over()
        await engine.dispose()
        async with engine.connect() as connection:
            assert await connection.scalar(text("SELECT 2")) == 2
    finally:
        await engine.dispose()
        await cut.stop()
    assert (cut.cuts, cut._open) == (1, set())
