"""One Chat over several platforms: each community's posts go to its own platform's adapter."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain import CommunityRef, MessageRef
from bot.export import ExportFile
from bot.messages import Message
from bot.ports import Chat, ChatError


class ChatRouter:
    def __init__(self, routes: dict[str, Chat] | None = None) -> None:
        self._routes: dict[str, Chat] = dict(routes or {})

    def add(self, platform: str, chat: Chat) -> None:
        self._routes[platform] = chat

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(sorted(self._routes))

    def _chat(self, community: CommunityRef) -> Chat:
        try:
            return self._routes[community.platform]
        except KeyError:
            raise ChatError(
                f"no adapter for {community.platform} is running in this process"
            ) from None

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        return await self._chat(community).post(community, channel_id, message, thread=thread)

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        return await self._chat(community).dm(community, user_id, message)

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        await self._chat(community).update(community, ref, message)

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        return await self._chat(community).dm_files(community, user_id, message, files)
