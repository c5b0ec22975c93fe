"""One driver per platform, each working the real adapter through its wire fake (the console
through its own line discipline), so the conformance cases read the same for every platform.

People: ana (admin, created the team), fay (its facilitator), tom (a teacher)."""

from __future__ import annotations

import io
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from bot.ports import Chat
from plcbot.app import build_bot
from tests.conformance.slow import SlowWhenAsked
from tests.fakes import FakeStore
from tests.harness import LIBRARIES, START


@dataclass
class Reply:
    text: str  # what the person reads
    first_response_seconds: float  # until the platform had its first answer (ack, response)
    deferred: bool  # the first answer said "working on it"; the words followed later


@dataclass
class Clicked:
    reply: str  # the private answer to the person who clicked
    card: str  # the card's text after the click
    edits: int  # edits of the card's own message
    new_posts: int  # messages posted to the channel because of the click


@dataclass
class Paced:
    statuses: list[int]  # of every attempt to post the card, in order
    waited: float  # seconds between the refused attempt and the next
    cards: int  # cards now in the channel


class Platform(Protocol):
    name: str
    store: FakeStore
    slow: SlowWhenAsked
    clock: FixedClock
    chat: Chat  # what the core (and its scheduler) posts through

    async def remind_nonresponders_after_an_hour(self) -> None: ...

    async def second_team_prompts(self, who: str) -> None:
        """In a second channel: ana creates "Grade 5 Science", `who` checks in there, ana
        schedules its nonresponder reminder (daily 19:00 UTC, after 1h) and sends its prompt."""
        ...

    async def dm_reply_to_first_dm(self, who: str, text: str) -> None:
        """`who` replies to the first DM the bot sent them (the way the platform links a reply
        to what it answers), and the bot has answered."""
        ...

    async def command(self, who: str, words: str, **options: Any) -> Reply: ...

    async def click_on_session_card(self, who: str, score: int) -> Clicked: ...

    async def submit_reflection_form(self, who: str, text: str) -> str: ...

    async def thread_reply_to_latest_prompt(self, who: str, text: str) -> None: ...

    async def open_session_after_one_429(self, retry_after: float) -> Paced: ...

    async def norms_with_optional_fields_missing(self, who: str) -> str: ...


def line_of(words: str, options: dict[str, Any]) -> str:
    """The text a person types for `words` and its options (Slack and the console); an
    option whose value starts with a keyword (`after 1h`) is typed as it stands."""
    parts = [words]
    for value in options.values():
        value = str(value)
        quoted = " " in value and not value.startswith("after ")
        parts.append(f'"{value}"' if quoted else value)
    return " ".join(parts)


class ConsolePlatform:
    name = "console"

    def __init__(self) -> None:
        self.store = FakeStore()
        self.slow = SlowWhenAsked(self.store)
        self.out = io.StringIO()
        self.clock = clock = FixedClock(START)
        self.console = Console(self.out, advance=lambda m: clock.advance(minutes=m))
        self.chat: Chat = self.console.chat
        config = Config(default_timezone="America/Chicago")
        self.console.attach(
            build_bot(
                config, uow=self.slow, chat=self.console.chat, clock=clock, libraries=LIBRARIES
            )
        )

    async def lines(self, who: str, *lines: str) -> str:
        """What the console printed for these lines, typed by `who`."""
        start = len(self.out.getvalue())
        await self.console.handle(f"/as {who}")
        for line in lines:
            await self.console.handle(line, echo=True)
        return self.out.getvalue()[start:]

    async def setup(self) -> None:
        await self.lines("ana", '/plc team create "Grade 4 Math" America/Chicago')
        await self.lines("fay", "/plc cycle")  # roles go only to people the bot has met
        await self.lines("ana", "/plc role grant @fay facilitator")

    async def command(self, who: str, words: str, **options: Any) -> Reply:
        begun = time.monotonic()
        said = await self.lines(who, "/plc " + line_of(words, options))
        return Reply(said, time.monotonic() - begun, deferred=False)

    async def click_on_session_card(self, who: str, score: int) -> Clicked:
        await self.command("fay", "session open", topic="Fractions")
        said = await self.lines(who, f"/click {score}")
        card = said.split("(updated; what changed:)", 1)
        return Clicked(
            reply=said,
            card=card[1] if len(card) == 2 else "",
            edits=said.count("(updated; what changed:)"),
            new_posts=said.count("#grade4 · plcbot · ") - said.count("(updated;"),
        )

    async def submit_reflection_form(self, who: str, text: str) -> str:
        await self.command("fay", "prompt send")
        said = await self.lines(who, "/plc reflect", text, "")
        # the console shows the error, then asks for the refused field again
        assert said.rstrip().endswith("Your reflection (up to 4,000 characters):"), said
        await self.lines(who, "/cancel")
        return said

    async def thread_reply_to_latest_prompt(self, who: str, text: str) -> None:
        said = await self.lines("fay", "/plc prompt send")
        prompt = said[: said.rindex("Reflection prompt")].rsplit("#grade4 · plcbot · ", 1)[1]
        await self.lines(who, f"/reply {prompt.split()[0]} {text}")

    async def remind_nonresponders_after_an_hour(self) -> None:
        await self.command(
            "ana",
            "schedule add",
            kind="nonresponder_reminder",
            when="daily 17:00",
            tz="UTC",
            after="after 1h",
        )

    async def second_team_prompts(self, who: str) -> None:
        await self.lines("ana", "/in #science", '/plc team create "Grade 5 Science" UTC')
        await self.lines(who, "/plc checkin 3")
        await self.lines("ana", "/plc schedule add nonresponder_reminder daily 19:00 UTC after 1h")
        await self.lines("ana", "/plc prompt send", "/in #grade4")

    async def dm_reply_to_first_dm(self, who: str, text: str) -> None:
        first = min(
            (m for m, user in self.console.chat.dms.items() if user == who),
            key=lambda m: int(m[1:]),
        )
        await self.lines(who, f"/reply {first} {text}")

    async def open_session_after_one_429(self, retry_after: float) -> Paced:
        raise NotImplementedError("not applicable to the console (see NOT_APPLICABLE)")

    async def norms_with_optional_fields_missing(self, who: str) -> str:
        raise NotImplementedError("not applicable to the console (see NOT_APPLICABLE)")


@asynccontextmanager
async def console_platform() -> AsyncIterator[ConsolePlatform]:
    platform = ConsolePlatform()
    await platform.setup()
    yield platform
