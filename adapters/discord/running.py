"""The handlers discord.py is running (events, slash commands, buttons, modals), drained on
request: `plcbot run` on a simulated clock (plcbot/simulated.py) answers its /drain once the
handlers of every frame the client has read are done, as it does for Slack's replies."""

from __future__ import annotations

import asyncio

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


class Handlers:
    """DiscordAdapter.background: `drain()` returns once no handler is running."""

    async def drain(self) -> None:
        while busy := running_handlers():
            await asyncio.wait(busy)
