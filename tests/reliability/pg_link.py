"""A TCP proxy on 127.0.0.1 in front of PostgreSQL that a test can cut and restore.

The bot's engine connects to the proxy; the proxy forwards to the real server. The shared
server itself is never touched: cutting the link is what a stopped server or a broken network
looks like from the bot's side.

- `cut()`: every open connection is aborted at once and the listening socket is closed, so a
  new connection is refused (ECONNREFUSED), as from a stopped server.
- `restore()`: listens again on the same port.
- `round_trips`: how many exchanges the server has answered (see its comment).
- `cut_at_commit("before")`: the next COMMIT a client sends cuts the link before it reaches
  the server (the server rolls the transaction back). `"after"`: the server commits, and the
  link is cut before the client hears so (the acknowledgement is lost on the way back).

The proxy reads the PostgreSQL wire protocol only to find message boundaries: it answers an
SSLRequest with "N" itself (so the stream stays readable), and watches for the simple-query
COMMIT that asyncpg sends to end a transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import make_url

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CommitCut = Literal["before", "after"]


@dataclass(eq=False)
class _Link:
    client: asyncio.StreamWriter
    server: asyncio.StreamWriter
    holding: bool = False  # a trapped COMMIT went through: hold the server's answer, then cut
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def abort(self) -> None:
        for writer in (self.client, self.server):
            writer.transport.abort()


class PgLink:
    def __init__(self, server_url: str) -> None:
        url = make_url(server_url)
        self.target = (url.host or "127.0.0.1", url.port or 5432)
        self._server_url = url
        self._listener: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._trap: CommitCut | None = None
        self.port = 0
        self.connections = 0  # accepted and forwarded, in all
        # ReadyForQuery messages from the server: one per round trip (a simple query, or an
        # extended-protocol exchange up to its Sync), and one as each connection starts
        self.round_trips = 0
        self.tripped = asyncio.Event()  # a COMMIT trap fired

    @property
    def url(self) -> str:
        """The server URL with the proxy's address in place of the server's."""
        proxied = self._server_url.set(host="127.0.0.1", port=self.port)
        return proxied.render_as_string(hide_password=False)

    @property
    def is_cut(self) -> bool:
        return self._listener is None

    async def start(self) -> PgLink:
        await self.restore()
        return self

    async def restore(self) -> None:
        if self._listener is None:
            self._listener = await asyncio.start_server(
                self._accept, "127.0.0.1", self.port, reuse_address=True
            )
            self.port = self._listener.sockets[0].getsockname()[1]

    def cut(self) -> None:
        """Refuse new connections and abort every open one, now."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        for link in list(self._links):
            link.abort()

    def cut_at_commit(self, when: CommitCut) -> None:
        self.tripped.clear()
        self._trap = when

    async def stop(self) -> None:
        self.cut()
        for link in list(self._links):
            for task in link.tasks:
                task.cancel()
        await asyncio.sleep(0)

    # ---- forwarding ----------------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._listener is None:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        link = _Link(writer, up_writer)
        self._links.add(link)
        self.connections += 1
        link.tasks = [
            asyncio.create_task(self._to_server(link, reader)),
            asyncio.create_task(self._to_client(link, up_reader)),
        ]
        try:
            await asyncio.wait(link.tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            link.abort()
            for task in link.tasks:
                task.cancel()
            self._links.discard(link)

    async def _to_server(self, link: _Link, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while True:  # the untyped start: SSLRequest (answered here), then StartupMessage
                head = await reader.readexactly(4)
                body = await reader.readexactly(int.from_bytes(head, "big") - 4)
                if int.from_bytes(body[:4], "big") in (SSL_REQUEST, GSSENC_REQUEST):
                    link.client.write(b"N")
                    await link.client.drain()
                    continue
                link.server.write(head + body)
                await link.server.drain()
                break
            while True:
                head = await reader.readexactly(5)
                body = await reader.readexactly(int.from_bytes(head[1:], "big") - 4)
                if self._trap and head[:1] == b"Q" and body.lstrip().upper().startswith(b"COMMIT"):
                    when, self._trap = self._trap, None
                    if when == "before":
                        self.tripped.set()
                        self.cut()
                        return
                    link.holding = True
                link.server.write(head + body)
                await link.server.drain()

    async def _to_client(self, link: _Link, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while True:
                head = await reader.readexactly(5)
                body = await reader.readexactly(int.from_bytes(head[1:], "big") - 4)
                if head[:1] == b"Z":
                    self.round_trips += 1
                if link.holding:
                    if head[:1] == b"Z":  # ReadyForQuery: the server has committed
                        self.tripped.set()
                        self.cut()
                        return
                    continue
                link.client.write(head + body)
                await link.client.drain()
