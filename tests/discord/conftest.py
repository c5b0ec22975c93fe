"""The fake Discord, and plcbot processes running the real discord.py client against it.

`fake_discord()` (platform_fakes/discord/serving.py) points the client's REST base and gateway
URL at 127.0.0.1, as PLATFORM-NOTES.md describes. Nothing in discord.py's behaviour is patched."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from adapters.discord.runner import DiscordAdapter
from adapters.discord.settings import DiscordConfig
from bot.chat_router import ChatRouter
from bot.clock import SystemClock
from bot.commands.intents import Intent
from bot.library_loader import load_libraries
from bot.outcome import Outcome
from bot.ports import Clock, UnitOfWorkFactory
from bot.service import PlcBot
from bot.usecases.context import Actor
from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_interactions import Interaction
from platform_fakes.discord.fake_payloads import Guild, Json
from platform_fakes.discord.serving import fake_discord
from tests.fakes import FakeStore

LIBRARIES = load_libraries()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with fake_discord() as server:
        yield server


@dataclass
class Process:
    """One `plcbot run` with only the Discord adapter: a client, the core, a database."""

    adapter: DiscordAdapter
    bot: PlcBot
    store: FakeStore
    router: ChatRouter
    stop: asyncio.Event
    task: asyncio.Task[None]
    seen: list[str] = field(default_factory=list)

    async def close(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 10)


class RecordingBot(PlcBot):
    """The real core, noting which community each intent through the door came from (for the
    shard tests)."""

    seen: list[str]
    lines: list[str]  # every text line handed to the grammar (typed Discord input hands none)

    async def command(self, actor: Actor, line: str, *, event_key: str | None = None) -> Outcome:
        self.lines.append(line)
        return await super().command(actor, line, event_key=event_key)

    async def handle(
        self, actor: Actor, intent: Intent, *, event_key: str | None = None, via: str = "command"
    ) -> Outcome:
        self.seen.append(actor.community.external_id)
        return await super().handle(actor, intent, event_key=event_key, via=via)


async def start_process(
    fake: FakeDiscord,
    *,
    config: DiscordConfig | None = None,
    store: FakeStore | None = None,
    uow: UnitOfWorkFactory | None = None,
    clock: Clock | None = None,
    wait: bool = True,
) -> Process:
    adapter = DiscordAdapter(env={"DISCORD_TOKEN": fake.token}, config=config or DiscordConfig())
    router = ChatRouter()
    router.add("discord", adapter.chat)
    store = store or FakeStore()
    bot = RecordingBot(
        uow=uow or store.uow, chat=router, libraries=LIBRARIES, clock=clock or SystemClock()
    )
    bot.seen, bot.lines = [], []
    stop = asyncio.Event()
    before = len(fake.gateway.sessions)
    task = asyncio.create_task(adapter.run(bot, stop))
    process = Process(adapter, bot, store, router, stop, task, bot.seen)
    if wait:
        await fake.connected(before + 1)
    return process


@pytest.fixture
async def processes(fake: FakeDiscord) -> AsyncIterator[list[Process]]:
    """Started processes are stopped at the end of the test, whatever happened."""
    started: list[Process] = []
    yield started
    for process in started:
        with contextlib.suppress(Exception):
            await process.close()


@dataclass
class School:
    """A guild with a learning team in its first channel: ana (admin), fay (facilitator), tom."""

    fake: FakeDiscord
    process: Process
    guild: Guild
    ana: int
    fay: int
    tom: int

    @property
    def channel(self) -> int:
        return self.guild.channels[0]

    async def say(
        self,
        who: int,
        line: str,
        *,
        where: int | None = None,
        locale: str = "en-US",
        **options: Any,
    ) -> Interaction:
        """A slash command (from a Discord app set to `locale`), and its answer once the person
        can see one."""
        interaction = await self.fake.slash(
            line, who, where or self.channel, locale=locale, **options
        )
        return await self.fake.answered(interaction)

    async def click(self, who: int, message: Json, custom_id: str) -> Interaction:
        return await self.fake.answered(await self.fake.click(message["id"], custom_id, user=who))


async def open_school(
    fake: FakeDiscord,
    processes: list[Process],
    *,
    guild: Guild | None = None,
    process: Process | None = None,
    **kw: Any,
) -> School:
    """A team created by ana, with fay made its facilitator, in `guild` (a new one if None),
    served by `process` (a new one, started with `kw`, if None)."""
    guild = guild or fake.add_guild("Lincoln")
    users = [fake.add_user(n) for n in ("ana", "fay", "tom")]
    process = process or await start_process(fake, **kw)
    if process not in processes:
        processes.append(process)
    school = School(fake, process, guild, *users)
    created = await school.say(
        school.ana, "plc team create", name="Grade 4 Math", timezone="America/Chicago"
    )
    assert "Created the learning team" in created.text
    await school.say(school.fay, "plc norms show")  # roles go only to people the bot has met
    granted = await school.say(school.ana, "plc role grant", user=school.fay, role="facilitator")
    assert "is now facilitator" in granted.text
    return school


@pytest.fixture
async def school(fake: FakeDiscord, processes: list[Process]) -> School:
    return await open_school(fake, processes)


def buttons_of(message: Json) -> list[Json]:
    return [b for row in message.get("components") or [] for b in row.get("components") or []]


def button(message: Json, label_start: str) -> str:
    """The custom_id of the message's first button whose label starts so."""
    for b in buttons_of(message):
        if b.get("label", "").startswith(label_start):
            return str(b["custom_id"])
    raise AssertionError(
        f"no button {label_start!r} in {[b.get('label') for b in buttons_of(message)]}"
    )
