"""A TCP proxy on 127.0.0.1 between the `plcbot run` processes and PostgreSQL, which can cut
the database off: every connection through it is closed at once, and for the cut's wall-clock
seconds a new one is closed as soon as it is accepted (PostgreSQL, to the processes, has gone
away). When the cut ends, connections pass again."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

CHUNK = 65536


@dataclass
class DatabaseCut:
    host: str
    port: int  # PostgreSQL's
    listen_port: int = 0  # the proxy's, once started
    cuts: int = 0
    _server: asyncio.Server | None = None
    _open: set[asyncio.StreamWriter] = field(default_factory=set)
    _over: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> None:
        self._over.set()
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.listen_port = int(self._server.sockets[0].getsockname()[1])

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
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cutting:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            writer.transport.abort()
            return
        self._open |= {writer, up_writer}
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )
        for w in (writer, up_writer):
            self._open.discard(w)
            w.transport.abort()

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(CHUNK):
                writer.write(data)
                await writer.drain()
        writer.transport.abort()
