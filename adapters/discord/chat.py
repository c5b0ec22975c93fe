"""The core's Chat port over Discord's REST API: post to a channel, DM a person, edit a message.

discord.py waits out 429s itself (it honours `retry_after`, up to five tries, and at most
RATE_LIMIT_WAIT seconds a time as the client is configured); whatever still fails becomes a
ChatError, which the core logs without retrying (a missed post beats a double one)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
import discord

from adapters.discord.components import edit_kwargs, send_kwargs
from bot.api import ChatError, CommunityRef, Message, MessageRef

if TYPE_CHECKING:
    from bot.api import ExportFile

T = TypeVar("T")
ATTACHMENTS_MAX = 10 * 1024 * 1024  # what Discord takes from a bot in one message

_FAILURES = (
    discord.HTTPException,
    discord.RateLimited,
    aiohttp.ClientError,
    asyncio.TimeoutError,
    OSError,
)


class DiscordChat:
    def __init__(self) -> None:
        self._client: discord.Client | None = None

    def attach(self, client: discord.Client | None) -> None:
        """The client whose connection to use; None while no client is running."""
        self._client = client

    @property
    def client(self) -> discord.Client:
        if self._client is None or self._client.is_closed():
            raise ChatError("Discord is not connected in this process")
        return self._client

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        """In a channel; with `thread`, as a reply to that message (needs no thread permission)."""
        channel = self.client.get_partial_messageable(_snowflake(channel_id))
        kwargs = send_kwargs(message)
        if thread is not None:
            kwargs["reference"] = discord.MessageReference(
                message_id=_snowflake(thread.message_id),
                channel_id=_snowflake(thread.channel_id),
                fail_if_not_exists=False,
            )
        sent = await _call(channel.send(**kwargs), f"post to channel {channel_id}")
        return MessageRef(channel_id, str(sent.id))

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        return await self._dm(community, user_id, send_kwargs(message))

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        """A DM with attachments (a teacher's own export); too large for Discord is a ChatError."""
        size = sum(len(f.content) for f in files)
        if size > ATTACHMENTS_MAX:
            raise ChatError(f"{size:,} bytes of files; Discord takes {ATTACHMENTS_MAX:,}")
        kwargs = send_kwargs(message)
        kwargs["files"] = [discord.File(io.BytesIO(f.content), filename=f.name) for f in files]
        return await self._dm(community, user_id, kwargs)

    async def _dm(
        self, community: CommunityRef, user_id: str, kwargs: dict[str, Any]
    ) -> MessageRef:
        user = discord.Object(_snowflake(user_id))
        channel = await _call(self.client.create_dm(user), f"open a DM with {user_id}")
        sent = await _call(channel.send(**kwargs), f"DM {user_id}")
        return MessageRef(str(channel.id), str(sent.id))

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        channel = self.client.get_partial_messageable(_snowflake(ref.channel_id))
        target = channel.get_partial_message(_snowflake(ref.message_id))
        await _call(target.edit(**edit_kwargs(message)), f"edit message {ref.message_id}")


def _snowflake(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ChatError(f"{value!r} is not a Discord id") from None


async def _call(call: Awaitable[T], what: str) -> T:
    try:
        return await call
    except _FAILURES as e:
        raise ChatError(f"Discord refused to {what}: {e}") from e
