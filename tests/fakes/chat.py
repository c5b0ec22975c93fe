"""The recording Chat double, the one Chat fake of the tests: every post, DM and update, as the
platform would have received them. A test makes the platform misbehave with its settings:
`fail` (the platform refuses: ChatError), `post_error` (a post ends in something other than an
answer, e.g. the process dies mid-call) or `gate` (posts wait until it is set: a slow platform).
Only tests/scheduler/worker.py has a Chat of its own: it runs in another process and logs its
posts to a file the test reads."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain import CommunityRef, MessageRef
from bot.export import ExportFile
from bot.messages import Message
from bot.ports import ChatError


@dataclass
class Sent:
    kind: str  # "post", "dm", "update"
    community: CommunityRef
    where: str  # channel id, user id, or message id
    message: Message
    ref: MessageRef
    thread: MessageRef | None = None
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.message.plain_text()


class FakeChat:
    """Records every post, DM and update, as the platform would have received them."""

    def __init__(
        self, *, post_error: BaseException | None = None, gate: asyncio.Event | None = None
    ) -> None:
        self.sent: list[Sent] = []
        self._ids = itertools.count(1)
        self.fail = False
        self.post_error = post_error
        self.gate = gate

    def _ref(self, channel: str) -> MessageRef:
        return MessageRef(channel, f"m{next(self._ids)}")

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        if self.gate is not None:
            await self.gate.wait()
        if self.post_error is not None:
            raise self.post_error
        if self.fail:
            raise ChatError("fake platform refused")
        ref = self._ref(channel_id)
        self.sent.append(Sent("post", community, channel_id, message, ref, thread))
        return ref

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        if self.fail:
            raise ChatError("fake platform refused")
        ref = self._ref(f"D-{user_id}")
        self.sent.append(Sent("dm", community, user_id, message, ref))
        return ref

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        if self.fail:
            raise ChatError("fake platform refused")
        self.sent.append(Sent("update", community, ref.message_id, message, ref))

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        ref = await self.dm(community, user_id, message)
        self.sent[-1].files = {f.name: f.content for f in files}
        return ref

    def posts_to(self, channel: str) -> list[Sent]:
        return [s for s in self.sent if s.kind == "post" and s.where == channel]

    def dms_to(self, user: str) -> list[Sent]:
        return [s for s in self.sent if s.kind == "dm" and s.where == user]

    def updates(self) -> list[Sent]:
        return [s for s in self.sent if s.kind == "update"]
