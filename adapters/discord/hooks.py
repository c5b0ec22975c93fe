"""How discord.py's callbacks (app commands, buttons) find plcbot's handlers: through the client
that received the interaction, which the adapter built with a `plc` attribute."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, cast

import discord

from bot.api import Intent


class Handlers(Protocol):
    async def intent(
        self, interaction: discord.Interaction[Any], build: Callable[[], Intent]
    ) -> None: ...

    async def intent_after(
        self,
        interaction: discord.Interaction[Any],
        fetch: Callable[[], Awaitable[Callable[[], Intent]]],
    ) -> None: ...

    async def click(self, interaction: discord.Interaction[Any], action_id: str) -> None: ...

    async def submit(
        self, interaction: discord.Interaction[Any], action_id: str, values: Mapping[str, str]
    ) -> None: ...


def handlers_of(client: discord.Client) -> Handlers:
    handlers = getattr(client, "plc", None)
    if handlers is None:
        raise RuntimeError("this discord.Client was not built by adapters.discord (it has no .plc)")
    return cast(Handlers, handlers)
