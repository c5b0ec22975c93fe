"""What people do, as the fake gateway delivers it: slash commands, clicks, modal submissions,
DMs to the bot; and the gateway's own moves (op 7). Mixed into FakeDiscord."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from platform_fakes.discord import fake_payloads as p
from platform_fakes.discord.fake_interactions import (
    APPLICATION_COMMAND,
    COMPONENT,
    MODAL_SUBMIT,
    Interaction,
    base,
    command_data,
    modal_submission,
)
from platform_fakes.discord.fake_rules import TEXT_INPUT_MAX

if TYPE_CHECKING:
    from platform_fakes.discord.fake_gateway import Gateway, Session


class Scenes:
    if TYPE_CHECKING:
        app_id: int
        users: dict[int, p.Json]
        channels: dict[int, p.Json]
        messages: dict[int, p.Json]
        bot_user: p.Json
        guilds: dict[int, p.Guild]
        commands: dict[int | None, list[p.Json]]
        interactions: dict[int, Interaction]
        gateway: Gateway
        changed: asyncio.Condition

        def dm_channel_of(self, user_id: int) -> int: ...

    async def slash(
        self, line: str, by: int, where: int, /, *, locale: str = "en-US", **options: Any
    ) -> Interaction:
        """`/plc session open` with options by name, typed by user `by` in channel `where`, from
        a Discord app set to `locale` (`by` and `where` positional, so that an option may have
        either name: the goal's `by`)."""
        user, channel = by, where
        words = line.lstrip("/").split()
        guild_id = self._guild_of(channel)
        commands = [*self.commands.get(guild_id, []), *self.commands.get(None, [])]
        data = command_data(commands, words, options, self.users, guild_id)
        payload = base(
            APPLICATION_COMMAND, self.app_id, guild_id, self.channels[channel], self.users[user]
        )
        payload["data"] = data
        payload["locale"] = locale
        return await self._deliver(payload, guild_id, channel, user)

    async def click(self, message_id: int | str, custom_id: str, *, user: int) -> Interaction:
        message = self.messages[int(message_id)]
        buttons = [
            c for row in message.get("components") or [] for c in row.get("components") or []
        ]
        if custom_id not in [b.get("custom_id") for b in buttons]:
            raise AssertionError(f"message {message_id} has no button {custom_id!r}")
        channel = int(message["channel_id"])
        guild_id = self._guild_of(channel)
        payload = base(
            COMPONENT, self.app_id, guild_id, self._channel_for(channel, user), self.users[user]
        )
        payload["message"] = message
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        return await self._deliver(payload, guild_id, channel, user)

    async def submit(self, opened: Interaction, values: dict[str, str]) -> Interaction:
        """Fill in and submit the modal that `opened` was answered with."""
        modal = opened.modal
        if modal is None:
            raise AssertionError("that interaction did not open a modal")
        for value in values.values():
            if len(value) > TEXT_INPUT_MAX:
                raise AssertionError(
                    "Discord's client does not let a text input hold more than 4,000"
                )
        channel, user = opened.channel_id, opened.user_id
        payload = base(
            MODAL_SUBMIT,
            self.app_id,
            opened.guild_id,
            self._channel_for(channel, user),
            self.users[user],
        )
        payload["data"] = modal_submission(modal, values)
        return await self._deliver(payload, opened.guild_id, channel, user)

    async def dm(self, user: int, content: str, *, reply_to: int | None = None) -> int:
        """A DM from `user` to the bot (with `reply_to`, Discord's Reply to one of the bot's
        messages there); returns the message id."""
        channel = self.dm_channel_of(user)
        message_id = p.snowflake()
        data = p.message(message_id, channel, self.users[user], {"content": content})
        if reply_to is not None:
            data["type"] = 19  # REPLY
            data["message_reference"] = {
                "type": 0,
                "message_id": str(reply_to),
                "channel_id": str(channel),
            }
            data["referenced_message"] = self.messages.get(reply_to)
        await self.gateway.session_for(None).dispatch("MESSAGE_CREATE", data)
        return message_id

    async def channel_reply(
        self, user: int, reply_to: int, content: str, *, ping: bool = True
    ) -> int:
        """Discord's Reply, in a server channel, to one of the bot's messages. A Reply pings
        its author unless turned off; only then does a bot without the Message Content intent
        get the words (the content is empty otherwise, as Discord sends it)."""
        replied = self.messages[reply_to]
        channel = int(replied["channel_id"])
        guild_id = self._guild_of(channel)
        message_id = p.snowflake()
        shown = {"content": content if ping else ""}
        data = p.message(message_id, channel, self.users[user], shown, guild_id=guild_id)
        data["type"] = 19  # REPLY
        data["member"] = {"roles": [], "joined_at": p.now_iso(), "deaf": False, "mute": False}
        data["mentions"] = [self.bot_user] if ping else []
        data["message_reference"] = {
            "type": 0,
            "message_id": str(reply_to),
            "channel_id": str(channel),
            "guild_id": str(guild_id),
        }
        data["referenced_message"] = replied
        self.messages[message_id] = data  # a person's message: reactions land on it
        await self.gateway.session_for(guild_id).dispatch("MESSAGE_CREATE", data)
        return message_id

    async def remove_guild(self, guild_id: int) -> None:
        """The bot is removed from a server: GUILD_DELETE without `unavailable`."""
        session = self.gateway.session_for(guild_id)
        self.guilds.pop(guild_id, None)
        await session.dispatch("GUILD_DELETE", {"id": str(guild_id)})

    async def reconnect(self, guild_id: int | None = None, *, within: float = 10.0) -> Session:
        """Op 7 to the session holding `guild_id`; returns once the client has resumed."""
        session = self.gateway.session_for(guild_id)
        await self.gateway.reconnect(session)
        await asyncio.wait_for(session.resumed.wait(), within)
        return session

    async def connected(self, count: int = 1, *, within: float = 10.0) -> list[Session]:
        """Waits until `count` sessions have had READY and their guilds."""
        await self.gateway.wait(
            lambda: sum(s.ready.is_set() for s in self.gateway.sessions) >= count, within=within
        )
        return self.gateway.sessions

    @staticmethod
    async def answered(interaction: Interaction, *, within: float = 8.0) -> Interaction:
        await asyncio.wait_for(interaction.answered.wait(), within)
        return interaction

    async def until(self, predicate: Callable[[], Any], *, within: float = 5.0) -> None:
        """Waits until `predicate()` holds; checked after every REST call the fake answers."""
        async with asyncio.timeout(within), self.changed:
            await self.changed.wait_for(predicate)

    async def _deliver(
        self, payload: p.Json, guild_id: int | None, channel: int, user: int
    ) -> Interaction:
        interaction = Interaction(
            int(payload["id"]), payload["token"], payload["type"], guild_id, channel, user, payload
        )
        self.interactions[interaction.id] = interaction
        await self.gateway.session_for(guild_id).dispatch("INTERACTION_CREATE", payload)
        return interaction

    def _guild_of(self, channel: int) -> int | None:
        guild = self.channels[channel].get("guild_id")
        return int(guild) if guild else None

    def _channel_for(self, channel: int, user: int) -> p.Json:
        found = self.channels[channel]
        return found if "guild_id" in found else p.dm_channel(channel, self.users[user])
