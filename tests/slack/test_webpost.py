"""chat.postMessage the short way (adapters/slack/webpost.py) through a shared connection pool:
what reaches the fake Slack, and what the caller hears back, are what slack_sdk's client sends
and raises."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.chat import SlackChat
from adapters.slack.clients import Clients
from adapters.slack.pacing import WorkspaceGate
from adapters.slack.webpost import post_message
from bot.domain import CommunityRef
from bot.messages import text
from platform_fakes.slack.fake_slack import FakeSlack

BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Learn* · cycle 2 — ¿qué?"}}]


@pytest.fixture
async def pooled(fake: FakeSlack) -> AsyncIterator[AsyncWebClient]:
    """A client over one shared connection pool, as the Slack adapter runs it."""
    async with aiohttp.ClientSession() as session:
        token = fake.add_workspace("T1").token
        clients = Clients(api_url=fake.api_url, bot_token=token)
        clients.use_session(session)
        yield clients.make(token)


async def test_the_short_way_sends_what_the_client_sends(
    fake: FakeSlack, pooled: AsyncWebClient
) -> None:
    arguments: dict[str, Any] = {"blocks": BLOCKS, "text": "Learn", "unfurl_links": False}
    by_client = await pooled.chat_postMessage(channel="C1", **arguments)
    short = await post_message(pooled, channel="C2", thread_ts=None, **arguments)
    first, second = fake.calls_to("chat.postMessage")
    assert {**first.args, "channel": "C2"} == second.args  # thread_ts=None left out, as there
    same = ("Content-Type", "Authorization", "User-Agent")
    assert [first.headers.get(h) for h in same] == [second.headers.get(h) for h in same]
    assert short["ok"] and short["channel"] == "C2" and short["ts"] != by_client["ts"]
    assert [m.blocks for m in fake.in_channel("C2")] == [BLOCKS]


async def test_a_refusal_raises_the_error_the_client_raises(
    fake: FakeSlack, pooled: AsyncWebClient
) -> None:
    errors = []
    for send in (pooled.chat_postMessage, lambda **a: post_message(pooled, **a)):
        with pytest.raises(SlackApiError) as refused:
            await send(channel="C1", blocks=[{"type": "nonsense"}], text="x")
        errors.append((refused.value.response.status_code, refused.value.response["error"]))
    assert errors == [(200, "invalid_blocks")] * 2


async def test_a_429_carries_slacks_retry_after_to_the_caller(
    fake: FakeSlack, pooled: AsyncWebClient
) -> None:
    fake.fail_next("chat.postMessage", 1, status=429, retry_after=7)
    with pytest.raises(SlackApiError) as refused:
        await post_message(pooled, channel="C1", text="hello")
    assert refused.value.response.status_code == 429
    assert refused.value.response.headers["Retry-After"] == "7"
    assert fake.in_channel("C1") == []  # Slack took nothing; nothing was tried again here


async def test_a_post_waits_out_a_429_and_lands_once(fake: FakeSlack) -> None:
    """SlackChat over the pool: the 429 closes the workspace's gate for Retry-After, then the
    post goes again and lands, once."""
    async with aiohttp.ClientSession() as session:
        clients = Clients(api_url=fake.api_url, bot_token=fake.add_workspace("T1").token)
        clients.use_session(session)
        chat = SlackChat(clients, posts_per_second=50)
        chat.gate = WorkspaceGate(jitter=0.0)
        fake.fail_next("chat.postMessage", 1, status=429, retry_after=1)
        await chat.post(CommunityRef("slack", "T1"), "C1", text("hello"))
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert [m.text for m in fake.in_channel("C1")] == ["hello"]
