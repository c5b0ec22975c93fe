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
