"""Shared by the scheduler's process tests: a fake Slack slow enough that a tick is still
posting when the process is told to stop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.fake_webapi import Call, Workspace

POST_SECONDS = 0.4  # each chat.postMessage takes this long: the tick is still posting at SIGTERM


class SlowSlack(FakeSlack):
    """The fake Slack, answering each post only after a platform round trip."""

    def __init__(self) -> None:
        super().__init__(post_rate=100.0)
        self.first_post = asyncio.Event()

    async def _chat_postMessage(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        self.first_post.set()
        await asyncio.sleep(POST_SECONDS)
        return await super()._chat_postMessage(call, ws, request)


@pytest.fixture
async def slack() -> AsyncIterator[SlowSlack]:
    fake = SlowSlack()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
