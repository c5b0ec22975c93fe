"""The console adapter as one community's front door in the trust property: lines are typed at
the real Console (`/as`, `/in`, `/plc …`, button numbers, form answers one line at a time),
and the outcome the core handed the console is kept so the model can follow it."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from adapters.console.console import Console
from bot.domain import MessageRef
from bot.outcome import Outcome
from bot.service import PlcBot
from bot.usecases.context import Actor


class Recorder:
    """Stands where the console expects the bot; hands each call on and keeps the outcome."""

    def __init__(self, bot: PlcBot) -> None:
        self._bot = bot
        self.last: Outcome | None = None
        self.last_actor: Actor | None = None

    async def _keep(self, actor: Actor, outcome: Outcome) -> Outcome:
        self.last, self.last_actor = outcome, actor
        return outcome

    async def command(self, actor: Actor, line: str, **kw: Any) -> Outcome:
        return await self._keep(actor, await self._bot.command(actor, line, **kw))

    async def click(self, actor: Actor, action_id: str) -> Outcome:
        return await self._keep(actor, await self._bot.click(actor, action_id))

    async def submit(self, actor: Actor, action_id: str, values: Mapping[str, str]) -> Outcome:
        return await self._keep(actor, await self._bot.submit(actor, action_id, values))

    async def message(
        self, actor: Actor, body: str, *, thread: MessageRef | None = None, **kw: Any
    ) -> Outcome:
        return await self._keep(actor, await self._bot.message(actor, body, thread=thread, **kw))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._bot, name)


class ConsoleFront:
    def __init__(self, bot: PlcBot, community: str) -> None:
        self.out = io.StringIO()
        self.console = Console(self.out, community=community)
        self.recorder = Recorder(bot)
        self.console.attach(self.recorder)  # type: ignore[arg-type]

    async def type(self, line: str) -> tuple[Outcome | None, Actor | None]:
        """One line at the terminal; the outcome the core gave for it, if the line reached it."""
        self.recorder.last = self.recorder.last_actor = None
        await self.console.handle(line)
        return self.recorder.last, self.recorder.last_actor

    async def be(self, user: str, channel: str | None) -> None:
        if self.console.form is not None:
            return  # a form is open: the next lines answer it
        await self.console.handle(f"/as {user}")
        if channel is not None:
            await self.console.handle(f"/in {channel}")

    @property
    def form_open(self) -> bool:
        return self.console.form is not None

    def screen(self) -> str:
        """What the terminal showed since the last look."""
        shown = self.out.getvalue()
        self.out.seek(0)
        self.out.truncate()
        return shown
