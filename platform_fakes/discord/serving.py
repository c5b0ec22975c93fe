"""The fake Discord served on 127.0.0.1, with discord.py's REST base and gateway URL pointed at
it (configuration, as PLATFORM-NOTES.md describes; nothing in discord.py is patched)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import discord
import yarl

from platform_fakes.discord.fake_discord import FakeDiscord


@contextlib.asynccontextmanager
async def fake_discord(server: FakeDiscord | None = None) -> AsyncIterator[FakeDiscord]:
    """The fake Discord (`server`, or a new one), started, with discord.py pointed at it until
    the block ends."""
    server = server or FakeDiscord()
    await server.start()
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = server.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(server.gateway_url)
    try:
        yield server
    finally:
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway
        await server.close()
