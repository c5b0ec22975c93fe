"""A proxy between the `plcbot run` processes and PostgreSQL, which can cut the database off:
every connection through it is closed at once, and for the cut's wall-clock seconds a new one
is closed as soon as it is accepted (PostgreSQL, to the processes, has gone away). When the
cut ends, connections pass again.

Every byte the processes exchange with PostgreSQL passes through the simulation's process, a
few dozen messages for each thing a person does (issue 20), so the proxy costs as little as it
can: the processes reach it on a Unix socket in `folder` (asyncpg's `?host=<folder>`), cheaper
to send on than TCP over 127.0.0.1, and it reaches PostgreSQL on the server's own Unix socket
when the server is on this machine and lets the run's user in there (`local_socket`), else as
the run's URL says; each chunk read is written on at once by the protocol callbacks, with no
stream or task in between (reading pauses while the other side's buffer is full)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

from plcbot.simulated import loopback

PORT = 5432  # in the socket's name only (asyncpg looks for `<folder>/.s.PGSQL.<port>`)


class _Half(asyncio.Protocol):
    """One side of a proxied connection: what it receives is written to the other side."""

    def __init__(self, cut: DatabaseCut) -> None:
        self.cut = cut
        self.transport: asyncio.Transport | None = None
        self.peer: _Half | None = None
        self.early: list[bytes] = []  # read before `peer` was joined

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport = cast(asyncio.Transport, transport)  # uvloop's are not asyncio.Transport's
        self.transport = transport
        self.cut._open.add(transport)

    def data_received(self, data: bytes) -> None:
        # A process's side is paused until `peer` is joined, but uvloop may hand over a read
        # already under way (PostgreSQL says nothing before the process's startup message).
        if self.peer is None or self.peer.transport is None:
            self.early.append(data)
            return
        self.peer.transport.write(data)

    def pause_writing(self) -> None:  # the other side reads faster than this one takes
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.transport is not None:
            self.cut._open.discard(self.transport)
        if self.peer is not None and self.peer.transport is not None:
            self.peer.transport.abort()


@dataclass
class DatabaseCut:
    host: str
    port: int  # PostgreSQL's
    folder: Path  # where the Unix socket the processes connect to is made
    upstream: Path | None = None  # PostgreSQL's Unix socket (then not host and port)
    cuts: int = 0
    _server: asyncio.Server | None = None
    _open: set[asyncio.Transport] = field(default_factory=set)
    _joining: set[asyncio.Task[None]] = field(default_factory=set)
    _over: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> None:
        self._over.set()
        self.folder.mkdir(parents=True, exist_ok=True)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_unix_server(
            lambda: _Accepted(self), str(self.folder / f".s.PGSQL.{PORT}")
        )

    async def stop(self) -> None:
        self._close_all()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    @property
    def cutting(self) -> bool:
        return not self._over.is_set()

    def cut(self, seconds: float) -> None:
        """Cut the database off now, for `seconds` of wall time."""
        self.cuts += 1
        self._over.clear()
        self._close_all()
        asyncio.get_running_loop().call_later(seconds, self._over.set)

    async def over(self) -> None:
        await self._over.wait()

    def _close_all(self) -> None:
        for transport in list(self._open):
            transport.abort()
        self._open.clear()

    def _accepted(self, client: _Half) -> None:
        task = asyncio.get_running_loop().create_task(self._join(client))
        self._joining.add(task)
        task.add_done_callback(self._joining.discard)

    async def _join(self, client: _Half) -> None:
        """`client` (a process's connection, not read yet) joined to one to PostgreSQL."""
        assert client.transport is not None
        loop = asyncio.get_running_loop()
        try:
            if self.upstream is not None:
                _, upstream = await loop.create_unix_connection(
                    lambda: _Half(self), str(self.upstream)
                )
            else:
                _, upstream = await loop.create_connection(
                    lambda: _Half(self), self.host, self.port
                )
        except OSError:
            client.transport.abort()
            return
        assert upstream.transport is not None
        if client.transport.is_closing():  # cut (or gone) while connecting
            upstream.transport.abort()
            return
        client.peer, upstream.peer = upstream, client
        for chunk in client.early:
            upstream.transport.write(chunk)
        client.early.clear()
        client.transport.resume_reading()


class _Accepted(_Half):
    """A process's connection: refused while the database is cut, else joined to one to
    PostgreSQL."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport = cast(asyncio.Transport, transport)  # a stream's, on either loop
        if self.cut.cutting:
            transport.abort()
            return
        super().connection_made(transport)
        assert self.transport is not None
        self.transport.pause_reading()  # until joined (before the loop first reads it)
        self.cut._accepted(self)


def through(url: URL, folder: Path, port: int = PORT) -> URL:
    """`url`, on the Unix socket `<folder>/.s.PGSQL.<port>` (asyncpg's `?host=`)."""
    return URL.create(
        url.drivername,
        url.username,
        url.password,
        port=port,
        database=url.database,
        query={"host": str(folder)},
    )


async def local_socket(url: str) -> Path | None:
    """PostgreSQL's Unix socket, when the server at `url` is on this machine and lets `url`'s
    user in on it too (a server's rules for local connections may differ); else None."""
    parsed = make_url(url)
    if not loopback(f"//{parsed.host or 'localhost'}"):
        return None
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            folders = str(await connection.scalar(text("SHOW unix_socket_directories")))
            port = int(await connection.scalar(text("SHOW port")))
    finally:
        await engine.dispose()
    for folder in (Path(f.strip()) for f in folders.split(",") if f.strip()):
        socket = folder / f".s.PGSQL.{port}"
        if socket.is_socket() and await _lets_in(through(parsed, folder, port)):
            return socket
    return None


async def _lets_in(url: URL) -> bool:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return bool(await connection.scalar(text("SELECT 1")) == 1)
    except (SQLAlchemyError, OSError):
        return False
    finally:
        await engine.dispose()
