"""`platform`: each platform adapter in turn, through its wire fake, with a learning team in
place (ana its admin, fay its facilitator, tom a teacher)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import yarl

from tests.conformance.drivers import Platform, console_platform
from tests.conformance.wire import discord_platform, slack_platform
from tests.discord.conftest import Process
from tests.discord.fake_discord import FakeDiscord

PLATFORMS = ["console", "slack", "discord"]


@contextlib.asynccontextmanager
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """The fake Discord, with discord.py's REST base and gateway pointed at it (configuration,
    as PLATFORM-NOTES.md describes; nothing in discord.py is patched)."""
    server = FakeDiscord()
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


@contextlib.asynccontextmanager
async def serving(name: str) -> AsyncIterator[Any]:
    if name == "console":
        async with console_platform() as console:
            yield console
    elif name == "slack":
        async with slack_platform() as slack:
            yield slack
    else:
        processes: list[Process] = []
        async with fake_discord() as fake:
            try:
                async with discord_platform(fake, processes) as server:
                    yield server
            finally:
                for process in processes:
                    with contextlib.suppress(Exception):
                        await process.close()


@pytest.fixture(params=PLATFORMS)
async def platform(request: pytest.FixtureRequest) -> AsyncIterator[Platform]:
    async with serving(request.param) as running:
        yield running
