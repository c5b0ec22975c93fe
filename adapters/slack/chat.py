"""The Chat port over Slack's Web API: post to a channel, DM a person, update a posted message."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.clients import Clients
from adapters.slack.pacing import ChannelPacer
from adapters.slack.render import render
from adapters.slack.tokens import TokenKeyError
from bot.domain import CommunityRef, MessageRef
from bot.export import ExportFile
from bot.messages import Message
from bot.ports import ChatError

log = logging.getLogger(__name__)


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
    def __init__(self, clients: Clients, *, posts_per_second: float = 1.0, burst: int = 3) -> None:
        self.clients = clients
        self.pacer = ChannelPacer(per_second=posts_per_second, burst=burst)
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
        blocks, text = render(message)
        await self.pacer.wait(channel_id)
        async with refused_as_chat_error("a post"):
            response = await client.chat_postMessage(
                channel=channel_id,
                blocks=blocks,
                text=text,
                thread_ts=thread.message_id if thread else None,
                unfurl_links=False,
                unfurl_media=False,
            )
        return MessageRef(str(response["channel"]), str(response["ts"]))

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
