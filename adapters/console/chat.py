"""The Chat port for a terminal: every post, DM and update is printed, labelled; an export is
written to files the person alone can read."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TextIO

from adapters.console.render import render
from bot.api import (
    Button,
    CommunityRef,
    ExportFile,
    Message,
    MessageRef,
    _,
    private_dir,
    speaking,
    write_private,
)


class ConsoleChat:
    """The Chat port for a terminal: every post, DM and update is printed, labelled."""

    def __init__(
        self,
        out: TextIO,
        on_buttons: Callable[[list[Button], str | None], None],
        export_dir: Path = Path("data") / "exports",
    ) -> None:
        self.out = out
        self.export_dir = export_dir
        self._ids = itertools.count(1)
        self._on_buttons = on_buttons
        self._shown: dict[str, list[str]] = {}  # message id -> its lines, to show only changes
        self.dms: dict[str, str] = {}  # message id of a DM -> whose DM it is
        # The console's frame around each message (where it went, its id) in the console's
        # language; None: whatever is spoken around it. The message itself chose its own.
        self.language: str | None = None

    def _frame(self) -> AbstractContextManager[None]:
        return speaking(self.language) if self.language else nullcontext()

    def _emit(
        self,
        header: str,
        message: Message,
        message_id: str | None = None,
        *,
        audience: str | None = None,
    ) -> None:
        """`audience`: the one person who sees it (a DM, an ephemeral reply); None for a channel."""
        lines = render(message)
        before = self._shown.get(message_id or "")
        if message_id:
            self._shown[message_id] = lines
        print(header, file=self.out)
        for text in lines if before is None else [t for t in lines if t not in before]:
            print(text, file=self.out)
        if message.buttons:
            self._on_buttons(message.button_list(), audience)

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        ref = MessageRef(channel_id, f"m{next(self._ids)}")
        with self._frame():
            header = (
                _("#{channel} (thread of {thread}) · plcbot · {id}")
                if thread
                else _("#{channel} · plcbot · {id}")
            )
        where = header.format(
            channel=channel_id, thread=thread.message_id if thread else "", id=ref.message_id
        )
        self._emit(where, message, ref.message_id)
        return ref

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        ref = MessageRef(f"dm-{user_id}", f"m{next(self._ids)}")
        self.dms[ref.message_id] = user_id
        with self._frame():
            header = _("DM to @{user} · plcbot · {id}").format(user=user_id, id=ref.message_id)
        self._emit(
            header,
            message,
            ref.message_id,
            audience=user_id,
        )
        return ref

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        """In a terminal a file is a path: the export is written under export_dir."""
        ref = await self.dm(community, user_id, message)
        folder = self.export_dir / f"{user_id}-{ref.message_id}"
        private_dir(folder)
        for f in files:
            write_private(folder / f.name, f.content)
            with self._frame():
                said = _("file: {path}").format(path=folder / f.name)
            print("  " + said, file=self.out)
        return ref

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        with self._frame():
            header = _("#{channel} · plcbot · {id} (updated; what changed:)").format(
                channel=ref.channel_id, id=ref.message_id
            )
        self._emit(
            header,
            message,
            ref.message_id,
            audience=self.dms.get(ref.message_id),
        )
