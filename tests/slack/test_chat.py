"""The Chat port over Slack's Web API, against the fake at Slack's own rate limits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.chat import SlackChat
from adapters.slack.clients import Clients
from bot.domain import CommunityRef, MessageRef
from bot.messages import MessageBuilder, text
from bot.ports import ChatError
from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.reading import blocks_text

T1 = CommunityRef("slack", "T1")


@pytest.fixture
async def slow_fake() -> AsyncIterator[FakeSlack]:
    """Slack's real rule for one channel: about one post a second, a short burst allowed."""
    fake = await FakeSlack(post_rate=1, post_burst=3).start()
    yield fake
    await fake.stop()


def chat_for(fake: FakeSlack, *, per_second: float = 1.0, burst: int = 3) -> SlackChat:
    token = fake.add_workspace("T1").token
    return SlackChat(
        Clients(api_url=fake.api_url, bot_token=token), posts_per_second=per_second, burst=burst
    )


async def test_the_fake_refuses_a_burst_that_ignores_the_channel_rate(slow_fake: FakeSlack) -> None:
    client = AsyncWebClient(token=slow_fake.add_workspace("T1").token, base_url=slow_fake.api_url)
    client.retry_handlers = []
    with pytest.raises(SlackApiError) as refused:
        for n in range(6):
            await client.chat_postMessage(channel="C9", text=f"post {n}")
    assert refused.value.response.status_code == 429
    assert refused.value.response.headers["Retry-After"] == "1"


async def test_posts_to_one_channel_are_paced_and_never_refused(slow_fake: FakeSlack) -> None:
    chat = chat_for(slow_fake)
    start = time.monotonic()
    refs = await asyncio.gather(*(chat.post(T1, "C9", text(f"post {n}")) for n in range(5)))
    elapsed = time.monotonic() - start
    assert [c.status for c in slow_fake.calls_to("chat.postMessage")] == [200] * 5
    assert len({r.message_id for r in refs}) == 5
    assert elapsed >= 1.9  # a burst of 3, then one a second


async def test_channels_are_paced_apart_so_one_busy_channel_delays_no_other(
    slow_fake: FakeSlack,
) -> None:
    chat = chat_for(slow_fake)
    start = time.monotonic()
    await asyncio.gather(
        *(chat.post(T1, f"C{c}", text("hello")) for c in range(6) for _ in range(3))
    )
    assert time.monotonic() - start < 1.0
    assert all(c.ok for c in slow_fake.calls)


async def test_a_dm_opens_the_conversation_once_and_posts_there(fake: FakeSlack) -> None:
    chat = chat_for(fake, per_second=50)
    first = await chat.dm(T1, "UTEO", text("one"))
    second = await chat.dm(T1, "UTEO", text("two"))
    assert first.channel_id == second.channel_id == "DUTEO"
    assert len(fake.calls_to("conversations.open")) == 1
    assert [m.text for m in fake.in_channel("DUTEO")] == ["one", "two"]


async def test_a_threaded_post_carries_thread_ts_and_never_unfurls_links(fake: FakeSlack) -> None:
    chat = chat_for(fake, per_second=50)
    ref = await chat.post(
        T1, "C1", text("see https://example.org"), thread=MessageRef("C1", "100.5")
    )
    (call,) = fake.calls_to("chat.postMessage")
    assert call.args["thread_ts"] == "100.5"
    assert call.args["unfurl_links"] is False and call.args["unfurl_media"] is False
    assert ref == MessageRef("C1", fake.messages[0].ts)


async def test_an_update_rerenders_the_message_in_place(fake: FakeSlack) -> None:
    chat = chat_for(fake, per_second=50)
    ref = await chat.post(T1, "C1", text("before"))
    await chat.update(T1, ref, text("after"))
    assert [m.text for m in fake.in_channel("C1")] == ["after"]
    assert fake.messages[0].history[0]["text"] == "before"


async def test_a_very_long_message_is_split_into_sections_slack_accepts(fake: FakeSlack) -> None:
    chat = chat_for(fake, per_second=50)
    words = "A teacher's long reflection & more. " * 1500  # 54,000 characters
    await chat.post(T1, "C1", MessageBuilder().quote(words).para(words).build())
    (posted,) = fake.messages
    assert len(posted.blocks) > 30
    assert blocks_text(posted.blocks).count("more.") == 3000
    assert len(posted.text) <= 3000


async def test_what_slack_refuses_becomes_a_chat_error(fake: FakeSlack) -> None:
    chat = chat_for(fake, per_second=50)
    fake.fail_next("chat.postMessage", 1, status=500)
    with pytest.raises(ChatError, match="Slack refused"):
        await chat.post(T1, "C1", text("hello"))
    with pytest.raises(ChatError, match="message_not_found"):
        await chat.update(T1, MessageRef("C1", "1.1"), text("gone"))


async def test_a_single_workspace_token_never_posts_for_another_community(fake: FakeSlack) -> None:
    chat = chat_for(fake, per_second=50)
    with pytest.raises(ChatError, match="T2"):
        await chat.post(CommunityRef("slack", "T2"), "C1", text("not here"))
    assert fake.calls_to("chat.postMessage") == []
