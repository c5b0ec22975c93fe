"""The handlers discord.py is running (events, slash commands, buttons, modals), drained on
request: `plcbot run` on a simulated clock (plcbot/simulated.py) answers its /drain once the
client has read the gateway's frames up to the sequence the simulation names and the handlers
of every frame it has read are done, as it does for Slack's replies."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import discord

# discord.py names the tasks it runs a handler in so; a view's timeout task is not a handler.
HANDLERS = ("discord.py: ", "CommandTree-invoker", "discord-ui-")
NOT_HANDLERS = ("discord-ui-view-timeout-",)


def running_handlers() -> list[asyncio.Task[object]]:
    """The handler tasks on this event loop that have not ended (not the caller's own)."""
    me = asyncio.current_task()
    return [
        t
        for t in asyncio.all_tasks()
        if t is not me
        and not t.done()
        and t.get_name().startswith(HANDLERS)
        and not t.get_name().startswith(NOT_HANDLERS)
    ]


READ_WITHIN = 30.0  # seconds to wait for the client to read up to a sequence (a resume included)


class Handlers:
    """DiscordAdapter.background: `drain()` returns once no handler is running;
    `read_through(n)` once the client has read the gateway's frames up to sequence n (so the
    handlers of every frame sent before it have started)."""

    def __init__(self, client: Callable[[], discord.Client | None]) -> None:
        self._client = client

    async def drain(self) -> None:
        while busy := running_handlers():
            await asyncio.wait(busy)

    async def read_through(self, sequence: int) -> None:
        """Frames arrive over 127.0.0.1 (or after a resume): yield to the loop until read."""
        async with asyncio.timeout(READ_WITHIN):
            await self._wait_read(sequence)

    async def _wait_read(self, sequence: int) -> None:
        spins = 0
        while not self._has_read(sequence):
            spins += 1
            await asyncio.sleep(0 if spins < 100 else 0.002)

    def _has_read(self, sequence: int) -> bool:
        client = self._client()
        ws = client.ws if client is not None else None
        return ws is not None and ws.open and (ws.sequence or 0) >= sequence
