"""One Discord server as the simulation drives it: the real Discord adapter (discord.py, logged
in over REST and the gateway) connected to the wire-level fake Discord (platform_fakes) on
127.0.0.1, and people whose slash commands, button presses, modal submits and DMs reach it as
Discord delivers them (INTERACTION_CREATE and MESSAGE_CREATE over the gateway). Everything the
fake received is read back as what each reader saw (`Seen`, as slack_wire reads Slack):
channel messages and edits, interaction responses and follow-ups, ephemeral answers, modals,
DMs and the files in them.

Ids are Discord's: the server, its channels and its people are snowflakes the plan chose, so a
seed makes the same ones every run. A person is known to the fake from their first action (or
first mention), as Discord knows everyone in the server."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import Any

from adapters.discord.runner import DiscordAdapter
from adapters.discord.running import running_handlers
from adapters.discord.settings import DiscordConfig
from bot.service import PlcBot
from platform_fakes.discord import fake_payloads as p
from platform_fakes.discord.fake_discord import Call, FakeDiscord
from platform_fakes.discord.fake_interactions import Interaction
from platform_fakes.discord.reading import custom_ids, message_text, modal_inputs, modal_text
from platform_fakes.discord.serving import fake_discord
from simulation.discord_slash import MENTION, slash
from simulation.slack_wire import Seen

SETTLE = 60.0  # seconds of wall time an action may take before the run fails loudly
EPHEMERAL = 64


class DiscordWire:
    def __init__(self, guild_id: int, name: str) -> None:
        self.guild_id = guild_id
        self.fake = FakeDiscord()
        self.fake.guilds[guild_id] = p.Guild(guild_id, name)
        self.adapter = DiscordAdapter(
            env={"DISCORD_TOKEN": self.fake.token}, config=DiscordConfig()
        )
        self.sent: list[Interaction] = []  # every interaction people made, in order
        self.faults = 0  # op 7s and drops injected
        self._armed: str | None = None
        self.dm_answers: list[tuple[str, int]] = []  # (who wrote to the bot, its answers)
        self._stack = AsyncExitStack()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._calls = 0

    async def build(self) -> DiscordAdapter:
        await self._stack.enter_async_context(fake_discord(self.fake))
        return self.adapter

    async def start(self, bot: PlcBot) -> None:
        self._task = asyncio.create_task(self.adapter.run(bot, self._stop))
        await self.fake.connected(1, within=SETTLE)
        await self.fake.until(lambda: None in self.fake.commands, within=SETTLE)
        await self.settle()

    async def close(self) -> None:
        self._stop.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, SETTLE)
        await self._stack.aclose()

    # ---- what people do ----------------------------------------------------------------------

    async def command(self, user: str, channel: str, line: str) -> None:
        """`/plc …` as the person picked it in Discord's command menu, in `channel`."""
        for mentioned in MENTION.findall(line):
            self._person(mentioned)
        commands = [*self.fake.commands.get(self.guild_id, []), *self.fake.commands.get(None, [])]
        words, options = slash(commands, line)
        await self._fire()
        interaction = await self.fake.slash(
            words, self._person(user), self._channel(channel), **options
        )
        await self._answered(interaction)

    async def click(self, user: str, channel: str, custom_id: str) -> None:
        """The button `custom_id` on the latest message `user` could see it on."""
        message = self._carrying(user, channel, custom_id)
        if message is None:
            raise LookupError(f"no message in {channel} or {user}'s DMs has {custom_id!r}")
        await self._fire()
        clicked = await self.fake.click(message["id"], custom_id, user=self._person(user))
        await self._answered(clicked)

    async def submit(self, user: str, values: dict[str, str]) -> None:
        """Fills in and submits the modal `user` was shown last."""
        opened = next(i for i in reversed(self.sent) if i.user_id == int(user) and i.modal)
        await self._fire()
        await self._answered(await self.fake.submit(opened, values))

    def form(self, user: str) -> list[str]:
        """The fields of the modal `user` was shown last (empty when none)."""
        opened = next((i for i in reversed(self.sent) if i.user_id == int(user) and i.modal), None)
        return modal_inputs(opened.modal) if opened is not None and opened.modal else []

    async def dm(self, user: str, text: str) -> None:
        """A message to the bot in the person's DM with it."""
        before = len(self.fake.calls)
        user_id = self._person(user)
        await self._fire()
        await self.fake.dm(user_id, text)
        await self.settle()
        path = f"/channels/{self.fake.dm_channels[user_id]}/messages"
        answers = [c for c in self.fake.calls[before:] if (c.method, c.path) == ("POST", path)]
        self.dm_answers.append((user, sum(1 for c in answers if 200 <= c.status < 300)))

    # ---- gateway faults ----------------------------------------------------------------------

    def identifies(self) -> int:
        """How many times the bot should have IDENTIFYed: once (a fault is resumed)."""
        return 1

    def arm(self, kind: str) -> None:
        """The gateway fault `kind` happens just as the next event for the bot comes in, so that
        event reaches a client that is away: "op 7" (Reconnect) or "drop" (the connection goes
        without a close frame). Either way the client resumes by itself, and the session
        replays what it missed."""
        self._armed = kind

    async def _fire(self) -> None:
        kind, self._armed = self._armed, None
        if kind is None:
            return
        self.faults += 1
        session = self.fake.gateway.session_for(self.guild_id)
        if kind == "op 7":
            await self.fake.gateway.reconnect(session)
        else:
            await self.fake.gateway.drop(session)

    # ---- waiting -----------------------------------------------------------------------------

    async def _answered(self, interaction: Interaction) -> None:
        self.sent.append(interaction)
        await self.settle()

    async def settle(self) -> None:
        """Until the client has read every frame the gateway sent (across a resume too) and
        every handler it started has ended."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE
        spins = 0
        while loop.time() < deadline:
            busy = running_handlers()
            if busy:
                await asyncio.wait(busy, timeout=max(0.0, deadline - loop.time()))
            elif self._caught_up():
                return
            else:  # the frame is on its way over 127.0.0.1 (or the client is resuming)
                spins += 1
                await asyncio.sleep(0 if spins < 100 else 0.002)
        raise TimeoutError(f"the Discord client did not settle in {SETTLE:.0f} s")

    def _caught_up(self) -> bool:
        client = self.adapter.client
        ws = client.ws if client is not None else None
        session = self.fake.gateway.session_for(self.guild_id)
        return ws is not None and ws.open and (ws.sequence or 0) >= session.seq

    # ---- the server's people and channels ----------------------------------------------------

    def _person(self, user: str) -> int:
        user_id = int(user)
        if user_id not in self.fake.users:
            self.fake.users[user_id] = p.user(user_id, f"p{user_id % 10**7}")
        return user_id

    def _channel(self, channel: str) -> int:
        channel_id = int(channel)
        guild = self.fake.guilds[self.guild_id]
        if channel_id not in self.fake.channels:
            n = len(guild.channels)
            self.fake.channels[channel_id] = p.text_channel(
                channel_id, guild.id, f"team-{n + 1}", n
            )
            guild.channels.append(channel_id)
        return channel_id

    def _carrying(self, user: str, channel: str, custom_id: str) -> p.Json | None:
        mine = {channel, str(self.fake.dm_channels.get(int(user), ""))}
        for message in reversed(self.fake.messages.values()):
            if message["channel_id"] in mine and custom_id in custom_ids(message):
                return message
        return None

    # ---- what the fake received --------------------------------------------------------------

    def take(self) -> list[Seen]:
        """What reached the fake Discord since the last call, each with who could read it."""
        calls = self.fake.calls[self._calls :]
        self._calls = len(self.fake.calls)
        out: list[Seen] = []
        for call in calls:
            if 200 <= call.status < 300 and isinstance(call.body, dict):
                out += self._seen(call)
        return out

    def _seen(self, call: Call) -> list[Seen]:
        parts = call.path.strip("/").split("/")
        body: dict[str, Any] = call.body
        if parts[0] == "channels" and parts[2:3] == ["messages"] and len(parts) <= 4:
            return [self._in(int(parts[1]), body, files=[c for _, c in call.files])]
        if parts[0] == "interactions":
            return self._responded(self.fake.interactions.get(int(parts[1])), body)
        if parts[0] == "webhooks":
            found = next((i for i in self.fake.interactions.values() if i.token == parts[2]), None)
            if found is None:
                return []
            flags = int(body.get("flags") or 0)
            if call.method == "PATCH" and found.original is not None:
                flags = int(found.original.get("flags") or 0)
            return [self._for(found, body, flags)]
        return []

    def _responded(self, found: Interaction | None, body: dict[str, Any]) -> list[Seen]:
        kind, data = body.get("type"), body.get("data") or {}
        if found is None or kind not in (4, 7, 9):
            return []
        if kind == 9:
            return [Seen(str(found.user_id), None, modal_text(data))]
        flags = int(data.get("flags") or 0)
        if kind == 7:  # the clicked message, edited: seen by whoever saw it
            flags = int((found.payload.get("message") or {}).get("flags") or 0)
        return [self._for(found, data, flags)]

    def _for(self, found: Interaction, body: dict[str, Any], flags: int) -> Seen:
        if flags & EPHEMERAL or found.guild_id is None:
            return Seen(str(found.user_id), None, message_text(body), custom_ids(body))
        return self._in(found.channel_id, body)

    def _in(self, channel_id: int, body: dict[str, Any], files: list[bytes] | None = None) -> Seen:
        channel = self.fake.channels.get(channel_id) or {}
        text, buttons = message_text(body), custom_ids(body)
        if channel.get("type") == 1:  # a DM
            reader = str(channel["recipients"][0]["id"])
            return Seen(reader, None, text, buttons, files or [])
        return Seen(None, str(channel_id), text, buttons, files or [])
