"""chat.postMessage the short way (adapters/slack/webpost.py) through a shared connection pool:
what reaches the fake Slack, and what the caller hears back, are what slack_sdk's client sends
and raises."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit

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


REQUEST_LINE = re.compile(rb"^(?:CONNECT|GET|POST) \S+", re.MULTILINE)


class Proxy:
    """A tiny HTTP proxy on 127.0.0.1 that records the request lines sent to it (a CONNECT, or
    requests in absolute form, several on a kept-alive connection) and pipes the bytes through
    to where the first asks."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.url = ""

    async def __aenter__(self) -> Proxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        line = await reader.readline()
        target = urlsplit(line.split()[1].decode())
        up_reader, up_writer = await asyncio.open_connection(target.hostname, target.port)
        self._record(line)
        up_writer.write(line)
        await asyncio.gather(_pipe(reader, up_writer, self._record), _pipe(up_reader, writer))

    def _record(self, chunk: bytes) -> None:
        self.requests += [m.decode() for m in REQUEST_LINE.findall(chunk)]


async def _pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    seen: Callable[[bytes], None] = lambda chunk: None,
) -> None:
    with contextlib.suppress(ConnectionError):
        while chunk := await reader.read(65536):
            seen(chunk)
            writer.write(chunk)
            await writer.drain()
    writer.close()


async def test_a_post_goes_through_the_clients_proxy(
    fake: FakeSlack, pooled: AsyncWebClient
) -> None:
    """Behind an egress proxy (set in the client, or read by it from HTTPS_PROXY) a post goes
    through the proxy, as the client's own calls do, not straight to Slack."""
    async with Proxy() as proxy:
        pooled.proxy = proxy.url
        posted = await post_message(pooled, channel="C1", text="hello")
    assert posted["ok"] and [m.text for m in fake.in_channel("C1")] == ["hello"]
    assert proxy.requests == [f"POST {fake.api_url}chat.postMessage"]


async def test_slack_chat_posts_through_the_proxy_in_https_proxy(
    fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adapter's clients read HTTPS_PROXY (slack_sdk's client does): its posts go there
    too, over the shared pool, as its other calls (auth.test) do."""
    async with Proxy() as proxy, aiohttp.ClientSession() as session:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        clients = Clients(api_url=fake.api_url, bot_token=fake.add_workspace("T1").token)
        clients.use_session(session)
        await SlackChat(clients).post(CommunityRef("slack", "T1"), "C1", text("hello"))
    assert [m.text for m in fake.in_channel("C1")] == ["hello"]
    assert proxy.requests == [
        f"POST {fake.api_url}auth.test",
        f"POST {fake.api_url}chat.postMessage",
    ]
