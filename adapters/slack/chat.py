"""The Chat port over Slack's Web API: post to a channel, DM a person, update a posted message."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.clients import Clients
from adapters.slack.pacing import ChannelPacer, WorkspaceGate
from adapters.slack.render import render
from adapters.slack.tokens import TokenKeyError
from adapters.slack.webpost import post_message
from bot.api import ChatError, CommunityRef, ExportFile, Message, MessageRef, metrics

log = logging.getLogger(__name__)

# How long one post keeps waiting out 429s (past the client's own few retries) before it is
# given up as refused. A 429 means Slack took nothing, so trying again can never post twice.
RATE_LIMIT_PATIENCE = 300.0


def retry_after(error: SlackApiError) -> float | None:
    """Seconds Slack asked us to wait, if this is a 429 (1 when it did not say)."""
    if error.response.status_code != 429:
        return None
    headers = error.response.headers or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(1.0, float(value)) if value is not None else 1.0
    except ValueError:
        return 1.0


@asynccontextmanager
async def refused_as_chat_error(what: str) -> AsyncIterator[None]:
    """Whatever Slack or the network refuses (after the client's own retries) is a ChatError."""
    try:
        yield
    except SlackApiError as e:
        raise ChatError(
            f"Slack refused {what}: {e.response.get('error', e.response.status_code)}"
        ) from e
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as e:
        raise ChatError(f"could not reach Slack for {what}: {e!r}") from e
    except TokenKeyError as e:
        log.error("%s", e)
        raise ChatError(f"no usable token for {what}: {e}") from e


class SlackChat:
    def __init__(
        self,
        clients: Clients,
        *,
        posts_per_second: float = 1.0,
        burst: int = 3,
        rate_limit_patience: float = RATE_LIMIT_PATIENCE,
    ) -> None:
        self.clients = clients
        self.pacer = ChannelPacer(per_second=posts_per_second, burst=burst)
        self.gate = WorkspaceGate()
        self.rate_limit_patience = rate_limit_patience
        self._dm_channels: dict[tuple[str, str], str] = {}

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        async with refused_as_chat_error("a post"):
            client = await self.clients.for_community(community)
            return await self.post_with(client, channel_id, message, thread=thread)

    async def post_with(
        self,
        client: AsyncWebClient,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        """Paced per channel; while Slack rate-limits the workspace (429 + Retry-After), every
        post to it waits and tries again, for up to `rate_limit_patience` seconds: a wave of
        nudges is delayed, never lost. Sent the short way (adapters/slack/webpost.py)."""
        blocks, text = render(message)
        await self.pacer.wait(channel_id)
        workspace = client.token or ""
        give_up = time.monotonic() + self.rate_limit_patience
        while True:
            await self.gate.wait(workspace)
            async with refused_as_chat_error("a post"):
                try:
                    response = await post_message(
                        client,
                        channel=channel_id,
                        blocks=blocks,
                        text=text,
                        thread_ts=thread.message_id if thread else None,
                        unfurl_links=False,
                        unfurl_media=False,
                    )
                    return MessageRef(str(response["channel"]), str(response["ts"]))
                except SlackApiError as e:
                    wait = retry_after(e)
                    if wait is not None:
                        metrics().rate_limited("slack")
                    if wait is None or time.monotonic() + wait > give_up:
                        raise
                    self.gate.close(workspace, wait)
                    metrics().retried("slack", "rate_limit")
                    log.info("Slack is rate-limiting a workspace; posts wait %.0f s", wait)

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        async with refused_as_chat_error("a direct message"):
            client = await self.clients.for_community(community)
            channel = await self.dm_channel(client, community, user_id)
        return await self.post_with(client, channel, message)

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        """The message, then the files uploaded into the same DM (Slack's files upload v2)."""
        async with refused_as_chat_error("a direct message"):
            client = await self.clients.for_community(community)
            channel = await self.dm_channel(client, community, user_id)
        ref = await self.post_with(client, channel, message)
        uploads = [{"content": f.content, "filename": f.name, "title": f.name} for f in files]
        if uploads:
            async with refused_as_chat_error("a file upload"):
                await client.files_upload_v2(channel=channel, file_uploads=uploads)
        return ref

    async def dm_channel(
        self, client: AsyncWebClient, community: CommunityRef, user_id: str
    ) -> str:
        key = (community.id, user_id)
        channel = self._dm_channels.get(key)
        if channel is None:
            opened = await client.conversations_open(users=user_id)
            channel = str(opened["channel"]["id"])
            if len(self._dm_channels) > 10_000:
                self._dm_channels.clear()
            self._dm_channels[key] = channel
        return channel

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        blocks, text = render(message)
        async with refused_as_chat_error("an update"):
            client = await self.clients.for_community(community)
            await client.chat_update(
                channel=ref.channel_id, ts=ref.message_id, blocks=blocks, text=text
            )

    async def whisper(
        self,
        client: AsyncWebClient,
        channel_id: str,
        user_id: str,
        message: Message,
        *,
        thread_ts: str | None = None,
    ) -> None:
        """An ephemeral message: only `user_id` sees it, in the channel (or thread) they are in."""
        blocks, text = render(message)
        async with refused_as_chat_error("an ephemeral message"):
            await client.chat_postEphemeral(
                channel=channel_id, user=user_id, blocks=blocks, text=text, thread_ts=thread_ts
            )
