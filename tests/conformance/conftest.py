"""`platform`: each platform adapter in turn, through its wire fake, with a learning team in
place (ana its admin, fay its facilitator, tom a teacher)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from platform_fakes.discord.serving import fake_discord
from tests.conformance.drivers import Platform, console_platform
from tests.conformance.wire import discord_platform, slack_platform
from tests.discord.conftest import Process

PLATFORMS = ["console", "slack", "discord"]


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
