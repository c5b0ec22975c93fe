"""A district of two communities and three teams around one real core, and a record of what
each reader was shown: replies, forms, channel posts, DMs (with their files), App Home pages
and the district export. The property test drives it; this module only does and records."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.clock import FixedClock
from bot.domain import CommunityRef, MessageRef
from bot.messages import Form
from bot.outcome import Outcome
from bot.ports import UnitOfWorkFactory
from bot.retention import community_export
from bot.usecases.context import Actor, Settings
from tests.harness import LIBRARIES
from tests.property.console_front import ConsoleFront
from tests.property.model import DISTRICT, Community, Model
from tests.property.seeing import CONSOLE, Seeing, Seen, Violation
from tests.property.slack_front import SLACK, Shown, SlackFront
from tests.property.tap import RecordingBot, TapChat

T = TypeVar("T")
START = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)


# CONSOLE is typed at the real console adapter; SLACK goes through the real Slack app (HTTP mode)
# over the fake Slack of tests/slack.


def district() -> Model:
    return Model(
        {
            CONSOLE: Community(
                CONSOLE, ("C1", "C2", "C9"), ("ana", "fay", "gus", "tia", "uma", "lee")
            ),
            SLACK: Community(SLACK, ("C3", "C8"), ("bea", "hal", "tia", "lee")),
        }
    )


class World(Seeing):
    def __init__(self, uow: UnitOfWorkFactory, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.uow = uow
        self.chat = TapChat({})
        self.clock = FixedClock(START)
        self.bot = RecordingBot(
            uow=uow,
            chat=self.chat,
            libraries=LIBRARIES,
            clock=self.clock,
            settings=Settings(default_timezone="America/Chicago", per_minute=10_000, burst=10_000),
        )
        self.bot.outcomes = []
        self.slack = SlackFront()
        self.unread: list[Shown] = []
        self.run(self.slack.start(self.bot))
        assert self.slack.adapter is not None
        self.chat.wire["slack"] = self.slack.adapter.chat
        self.model = district()
        self.buttons: list[Seen] = []
        self.violations: list[Violation] = []
        self.pending: dict[str, tuple[str, str]] = {}  # token typed in this step -> (author, cid)
        self._scanned = 0
        self.console = ConsoleFront(self.bot, CONSOLE.partition(":")[2])

    # ---- doing -------------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    def ref(self, cid: str) -> CommunityRef:
        platform, _, external = cid.partition(":")
        return CommunityRef(platform, external)

    def actor(self, user: str, cid: str, channel: str | None) -> Actor:
        return Actor(self.ref(cid), user, channel, is_dm=channel is None)

    def act(
        self,
        user: str,
        cid: str,
        channel: str | None,
        call: Callable[[Actor], Awaitable[Outcome]],
    ) -> Outcome:
        outcome = self.run(call(self.actor(user, cid, channel)))  # type: ignore[arg-type]
        community = self.model.communities[cid]
        if outcome.ok and channel in community.teams:  # taking part in a team's channel
            community.members.setdefault(channel, set()).add(user)
        if outcome.reply is not None:
            self.shown(user, cid, outcome.reply, channel=None)
        if outcome.form is not None:
            self.shown_form(user, cid, outcome.form)
        return outcome

    def close(self) -> None:
        self.run(self.slack.close())

    def wire(
        self, user: str, channel: str | None, work: Coroutine[Any, Any, Any], *, part: bool = True
    ) -> Outcome:
        """Something `user` did in the Slack community, through the Slack app; the core's
        outcome for it (what the model follows), while what they were shown is read off the
        fake Slack."""
        n = len(self.bot.outcomes)
        self.run(work)
        self.absorb(user)
        got = [o for a, o in self.bot.outcomes[n:] if a.user_id == user]
        outcome = got[-1] if got else Outcome(ok=False)
        community = self.model.communities[SLACK]
        if part and outcome.ok and channel in community.teams:  # taking part in a team's channel
            community.members.setdefault(channel, set()).add(user)
        return outcome

    def say(
        self, user: str, cid: str, channel: str | None, line: str, *, part: bool = True
    ) -> Outcome:
        if cid == SLACK:
            return self.wire(user, channel, self.slack.command(user, line, channel), part=part)
        if cid == CONSOLE and channel is not None:
            return self.typed(user, channel, [line])
        return self.act(user, cid, channel, lambda a: self.bot.command(a, line))

    def at_once(self, cid: str, channel: str, said: list[tuple[str, str]]) -> list[Outcome]:
        """Several people's commands at the same moment."""
        n = len(self.bot.outcomes)

        async def together() -> None:
            if cid == SLACK:
                await asyncio.gather(*(self.slack.command(u, line, channel) for u, line in said))
            else:
                await asyncio.gather(
                    *(self.bot.command(self.actor(u, cid, channel), line) for u, line in said)
                )

        self.run(together())
        self.absorb(None)
        done = self.bot.outcomes[n:]
        return [
            next((o for a, o in reversed(done) if a.user_id == u), Outcome(ok=False))
            for u, _ in said
        ]

    def click(
        self, user: str, cid: str, channel: str | None, action_id: str, ts: str = "1.0"
    ) -> Outcome:
        if cid == SLACK:
            return self.wire(user, channel, self.slack.click(user, action_id, channel, ts))
        latest = [b.action.id for b in self.console.console.buttons]
        if cid == CONSOLE and channel is not None and action_id in latest:
            return self.typed(user, channel, [str(latest.index(action_id) + 1)])
        return self.act(user, cid, channel, lambda a: self.bot.click(a, action_id))

    def submit(
        self, user: str, cid: str, channel: str | None, form: Form, values: dict[str, str]
    ) -> tuple[Outcome, str]:
        """Type the text and press Enter; the outcome, and the choice the form sent (what it
        preselected)."""
        # a form without a choice (the check-in word) sends only what was typed
        initial = next((f.initial for f in form.fields if f.id == "visibility"), "")
        typed = next(iter(values.values()))  # every form here has one field to type in
        if cid == SLACK:
            sent: list[str | None] = []

            async def enter() -> None:
                sent.append(await self.slack.submit(user, typed))

            outcome = self.wire(user, channel, enter())
            return (outcome, sent[0]) if sent[0] is not None else (Outcome(ok=False), "")
        if cid == CONSOLE and self.console.form_open:
            # One line per field; Enter on the choice keeps what the form preselected.
            lines = [typed, ""] if initial else [typed]
            return self.typed(user, channel, lines), initial
        answers = {**values, "visibility": initial} if initial else values
        outcome = self.act(
            user, cid, channel, lambda a: self.bot.submit(a, form.action.id, answers)
        )
        return outcome, initial

    def write(
        self, user: str, cid: str, channel: str | None, body: str, thread: MessageRef | None
    ) -> Outcome:
        """A DM to the bot (`channel` None) or a reply in a thread of `channel`."""
        if cid == SLACK:
            about = thread.message_id if thread is not None else None
            return self.wire(user, channel, self.slack.write(user, body, channel, about))
        return self.act(user, cid, channel, lambda a: self.bot.message(a, body, thread=thread))

    def typed(self, user: str, channel: str | None, lines: list[str]) -> Outcome:
        """Lines typed at the console by `user` in `channel`; the core's last outcome."""

        async def go() -> Outcome | None:
            await self.console.be(user, channel)
            outcome = None
            for line in lines:
                got, _ = await self.console.type(line)
                outcome = got or outcome
            return outcome

        outcome = self.run(go()) or Outcome(ok=False)
        self.read_screen(user)
        community = self.model.communities[CONSOLE]
        if outcome.ok and channel in community.teams:
            community.members.setdefault(channel, set()).add(user)
        if outcome.reply is not None:
            for b in outcome.reply.button_list():
                self.buttons.append(Seen(user, CONSOLE, channel, b.action.id))
        return outcome

    def home(self, user: str, cid: str, *, buttons: bool = True) -> None:
        if cid == SLACK and buttons:
            self.wire(user, None, self.slack.open_home(user), part=False)
            return
        page = self.run(self.bot.home(self.actor(user, cid, None)))
        if buttons:
            self.shown(user, cid, page, channel=None)
        else:
            self.check_text(user, cid, page.plain_text(), "App Home")

    def district_export(self, cid: str) -> None:
        async def export() -> list[str]:
            async with self.uow() as uow:
                files = await community_export(uow, cid, self.clock.now(), "district")
                await uow.commit()
            return [f.content.decode("utf-8", "replace") for f in files]

        for body in self.run(export()):
            self.check_text(DISTRICT, cid, body, "the district export")
