"""Socket Mode on the fake Slack: the websocket the app connects to after
apps.connections.open, envelopes pushed to it, and the acks that come back (within 3 s)."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from aiohttp import WSMsgType, web

ACK_DEADLINE = 3.0


class SocketModeSide:
    acks: dict[str, dict[str, Any]]
    _sockets: list[web.WebSocketResponse]
    _ack_waiters: dict[str, asyncio.Future[dict[str, Any]]]
    _connected: asyncio.Event

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json(
            {"type": "hello", "num_connections": len(self._sockets), "debug_info": {}}
        )
        self._connected.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                ack = json.loads(message.data)
                envelope_id = ack.get("envelope_id", "")
                self.acks[envelope_id] = ack
                waiter = self._ack_waiters.pop(envelope_id, None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(ack)
        self._sockets.remove(ws)
        return ws

    async def connected(self, within: float = 5.0) -> None:
        await asyncio.wait_for(self._connected.wait(), within)

    async def push(
        self, kind: str, payload: dict[str, Any], *, retry_attempt: int | None = None
    ) -> dict[str, Any]:
        """Send an envelope to the app; return its ack. Slack's rule: acked within 3 seconds."""
        envelope_id = str(uuid.uuid4())
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._ack_waiters[envelope_id] = waiter
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if retry_attempt is not None:
            envelope.update(
                retry_attempt=retry_attempt, retry_reason="timeout" if retry_attempt else ""
            )
        await self._sockets[-1].send_json(envelope)
        try:
            return await asyncio.wait_for(waiter, ACK_DEADLINE)
        except TimeoutError:
            raise AssertionError(f"envelope {kind} was not acked within {ACK_DEADLINE} s") from None

    # ---- faults: the connection dropped, an ack lost ---------------------------------------

    async def drop(self, *, notice: str | None = None) -> None:
        """Close the app's websocket from Slack's side, as Slack does when it moves a
        connection. With `notice` ("refresh_requested", "warning", ...), first send the
        `disconnect` message Slack sends before a planned close. The app must reconnect
        (apps.connections.open again); `connected()` waits for the new socket."""
        self._connected.clear()
        for ws in list(self._sockets):
            if notice is not None:
                await ws.send_json(
                    {"type": "disconnect", "reason": notice, "debug_info": {"host": "fake"}}
                )
                # Slack leaves the app a few seconds to move; the app closes the old socket
                await self._closed_by_app(ws, within=ACK_DEADLINE)
            if ws in self._sockets:
                await asyncio.wait_for(ws.close(), ACK_DEADLINE)

    async def _closed_by_app(self, ws: web.WebSocketResponse, *, within: float) -> None:
        """Wait up to `within` seconds for the app to close `ws` itself."""
        deadline = asyncio.get_running_loop().time() + within
        while asyncio.get_running_loop().time() < deadline:
            if ws not in self._sockets:
                return
            await asyncio.sleep(0.01)

    async def push_without_waiting(
        self, kind: str, payload: dict[str, Any], *, retry_attempt: int | None = None
    ) -> str:
        """Send an envelope and return its id at once, not waiting for the ack: with `drop()`
        right after, an envelope whose ack Slack never saw (it will send the event again)."""
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if retry_attempt is not None:
            envelope.update(
                retry_attempt=retry_attempt, retry_reason="timeout" if retry_attempt else ""
            )
        await self._sockets[-1].send_json(envelope)
        return envelope_id
