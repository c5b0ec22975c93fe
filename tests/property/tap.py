"""Where the trust property stands between the core and the platforms: the core as adapters
call it (keeping each outcome, by whom), and the core's Chat (the Slack community's posts go on
to the Slack adapter, the console community's stay in the record)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain import CommunityRef, MessageRef
from bot.export import ExportFile
from bot.messages import Message
from bot.outcome import Outcome
from bot.ports import Chat
from bot.service import PlcBot
from bot.usecases.context import Actor
from tests.fakes import FakeChat, Sent


class RecordingBot(PlcBot):
    """The real core, keeping the outcome of each call an adapter made, by whom: the model
    follows what the bot said yes to while the adapter carries the answer over the wire."""

    outcomes: list[tuple[Actor, Outcome]]

    async def _kept(self, actor: Actor, outcome: Outcome) -> Outcome:
        self.outcomes.append((actor, outcome))
        return outcome

    async def command(self, actor: Actor, line: str, *, event_key: str | None = None) -> Outcome:
        return await self._kept(actor, await super().command(actor, line, event_key=event_key))

    async def click(self, actor: Actor, action_id: str, *, event_key: str | None = None) -> Outcome:
        return await self._kept(actor, await super().click(actor, action_id, event_key=event_key))

    async def submit(self, actor: Actor, action_id: str, values: Any, **kw: Any) -> Outcome:
        return await self._kept(actor, await super().submit(actor, action_id, values, **kw))

    async def message(self, actor: Actor, body: str, **kw: Any) -> Outcome:
        return await self._kept(actor, await super().message(actor, body, **kw))


class TapChat(FakeChat):
    """The core's Chat: the console community's posts stay here (the console has no channel
    of its own); the Slack community's go on to the Slack adapter, noted with the real ref the
    platform gave them (the prompts people reply to)."""

    def __init__(self, wire: dict[str, Chat]) -> None:
        super().__init__()
        self.wire = wire
        self.offline = False  # while the invariant reads every view: everything stays here
        self.wired: set[int] = set()  # ids of the records of what went on to the platform

    def _to(self, community: CommunityRef) -> Chat | None:
        return None if self.offline else self.wire.get(community.platform)

    def _noted(self, sent: Sent) -> None:
        self.sent.append(sent)
        self.wired.add(id(sent))

    async def post(
        self, community: CommunityRef, channel_id: str, message: Message, *, thread: Any = None
    ) -> MessageRef:
        chat = self._to(community)
        if chat is None:
            return await super().post(community, channel_id, message, thread=thread)
        ref = await chat.post(community, channel_id, message, thread=thread)
        self._noted(Sent("post", community, channel_id, message, ref, thread))
        return ref

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        chat = self._to(community)
        if chat is None:
            return await super().dm(community, user_id, message)
        ref = await chat.dm(community, user_id, message)
        self._noted(Sent("dm", community, user_id, message, ref))
        return ref

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        chat = self._to(community)
        if chat is None:
            return await super().update(community, ref, message)
        await chat.update(community, ref, message)
        self._noted(Sent("update", community, ref.message_id, message, ref))

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        chat = self._to(community)
        if chat is None:
            return await super().dm_files(community, user_id, message, files)
        ref = await chat.dm_files(community, user_id, message, files)
        self._noted(
            Sent("dm", community, user_id, message, ref, files={f.name: f.content for f in files})
        )
        return ref
