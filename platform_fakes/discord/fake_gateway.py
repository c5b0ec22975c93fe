"""The fake gateway: HELLO → IDENTIFY → READY (with the shard) → GUILD_CREATE for that shard's
guilds → dispatches with increasing `s`. It can ask a client to reconnect (op 7) and accepts a
RESUME (op 6) at resume_gateway_url, replaying what the session missed; heartbeats are ACKed,
and the sequence each carries is kept (`Session.heard`). It can drop a session's connection
without a close frame (a network fault)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from platform_fakes.discord.fake_payloads import Guild, Json, guild_create

HELLO, IDENTIFY, RESUME, RECONNECT, INVALID_SESSION, HEARTBEAT, HEARTBEAT_ACK = (
    10,
    2,
    6,
    7,
    9,
    1,
    11,
)
HEARTBEAT_MS = 41_250


@dataclass
class Session:
    id: str
    shard_id: int
    shard_count: int
    sent_shard: bool
    ws: web.WebSocketResponse | None = None
    seq: int = 0
    history: list[Json] = field(default_factory=list)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    resumed: asyncio.Event = field(default_factory=asyncio.Event)
    resumes: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    transport: asyncio.Transport | None = None  # the connection's, to drop it
    heard: int = 0  # the highest sequence a heartbeat of the client's carried

    def owns(self, guild_id: int | None) -> bool:
        if guild_id is None:  # DMs reach shard 0
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id

    async def dispatch(self, event: str, data: Json) -> None:
        async with self.lock:
            self.seq += 1
            frame = {"op": 0, "t": event, "s": self.seq, "d": data}
            self.history.append(frame)
            if self.ws is not None and not self.ws.closed:
                # A connection closing (op 7, a drop) may refuse it: the frame is in the
                # history, and the RESUME replays it.
                with contextlib.suppress(ConnectionError):
                    await self.ws.send_str(json.dumps(frame))

    async def send(self, frame: Json) -> None:
        async with self.lock:
            if self.ws is not None and not self.ws.closed:
                await self.ws.send_str(json.dumps(frame))


class Gateway:
    def __init__(
        self,
        *,
        bot_user: Json,
        app_id: int,
        guilds: Callable[[], list[Guild]],
        resume_url: Callable[[], str],
    ) -> None:
        self._bot_user = bot_user
        self._app_id = app_id
        self._guilds = guilds
        self._resume_url = resume_url
        self.sessions: list[Session] = []
        self.identifies: list[Json] = []
        self.resume_requests: list[Json] = []
        self.connections = 0
        self.replayed = 0  # frames sent again on a RESUME
        self.changed = asyncio.Condition()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.connections += 1
        session: Session | None = None
        await ws.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_MS}}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            op, data = frame.get("op"), frame.get("d")
            if op == HEARTBEAT:
                if session is not None and isinstance(data, int):
                    session.heard = max(session.heard, data)
                await ws.send_str(json.dumps({"op": HEARTBEAT_ACK}))
                await self._notify()
            elif op == IDENTIFY:
                session = await self._identify(ws, data)
            elif op == RESUME:
                session = await self._resume(ws, data)
            if session is not None and session.ws is ws:
                session.transport = request.transport
        if session is not None and session.ws is ws:
            session.ws = None
        await self._notify()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: Json) -> Session:
        self.identifies.append(data)
        shard = data.get("shard") or [0, 1]
        session = Session(secrets.token_hex(16), shard[0], shard[1], "shard" in data, ws)
        mine = [g for g in self._guilds() if session.owns(g.id)]
        ready: Json = {
            "v": 10,
            "user": self._bot_user,
            "guilds": [{"id": str(g.id), "unavailable": True} for g in mine],
            "session_id": session.id,
            "resume_gateway_url": self._resume_url(),
            "application": {"id": str(self._app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "session_type": "normal",
        }
        if session.sent_shard:
            ready["shard"] = [session.shard_id, session.shard_count]
        self.sessions.append(session)
        await session.dispatch("READY", ready)
        for guild in mine:
            await session.dispatch("GUILD_CREATE", guild_create(guild, self._bot_user))
        session.ready.set()
        await self._notify()
        return session

    async def _resume(self, ws: web.WebSocketResponse, data: Json) -> Session | None:
        self.resume_requests.append(data)
        session = next((s for s in self.sessions if s.id == data.get("session_id")), None)
        if session is None:
            await ws.send_str(json.dumps({"op": INVALID_SESSION, "d": False}))
            return None
        async with session.lock:
            session.ws = ws
            for frame in session.history:
                if frame["s"] > int(data.get("seq") or 0):
                    await ws.send_str(json.dumps(frame))
                    self.replayed += 1
        session.resumes += 1
        await session.dispatch("RESUMED", {})
        session.resumed.set()
        await self._notify()
        return session

    async def reconnect(self, session: Session) -> None:
        """Op 7: the client should reconnect and resume."""
        session.resumed.clear()
        await session.send({"op": RECONNECT, "d": None})

    async def drop(self, session: Session) -> None:
        """The connection goes away without a close frame, as a network fault drops it: the
        client should connect again and resume."""
        session.resumed.clear()
        if session.transport is not None:
            session.transport.abort()

    def session_for(self, guild_id: int | None) -> Session:
        live = [s for s in self.sessions if s.owns(guild_id)]
        if not live:
            raise AssertionError(f"no gateway session holds guild {guild_id}")
        return live[-1]

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def wait(self, predicate: Callable[[], Any], *, within: float = 10.0) -> None:
        async with asyncio.timeout(within), self.changed:
            await self.changed.wait_for(predicate)
