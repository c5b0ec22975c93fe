"""What people do in Discord, handed to the core, and the core's answer handed back in time.

Discord wants the first response to an interaction within 3 seconds. The core's call runs as
a task; if it is done within PATIENCE seconds the answer goes out as the first response (an
ephemeral message, or the modal it asked for); otherwise the interaction is deferred
("thinking", ephemeral) and the answer follows as a follow-up when the core is done."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import discord

from adapters.discord.components import send_kwargs
from adapters.discord.directory import DmDirectory
from adapters.discord.forms import modal_of
from bot.domain import CommunityRef
from bot.messages import Code, Message, text
from bot.outcome import Outcome
from bot.service import PlcBot
from bot.usecases.context import Actor

log = logging.getLogger("plcbot.discord")

PATIENCE = 2.0  # seconds to wait for the core before deferring; Discord's limit is 3
PLATFORM = "discord"

WHICH_SERVER = text(
    "I can't tell which server this belongs to. Reply to a prompt I sent you, or use ",
    Code("/plc reflect"),
    " in your team's channel.",
)
FAILED = text(
    "Something went wrong on my side. Please try again in a minute; "
    "if it keeps happening, tell your server's admin."
)
DONE = text("Done.")

Work = Callable[[Actor], Awaitable[Outcome]]


class InteractionHandlers:
    """The `plc` attribute of the adapter's client: slash commands, clicks, submits, DMs."""

    def __init__(self, *, bot: PlcBot, directory: DmDirectory, patience: float = PATIENCE) -> None:
        self._bot = bot
        self._directory = directory
        self._patience = patience

    async def command(self, interaction: discord.Interaction[Any], line: str) -> None:
        key = f"discord:ix:{interaction.id}"
        await self._answer(interaction, lambda actor: self._bot.command(actor, line, event_key=key))

    async def click(self, interaction: discord.Interaction[Any], action_id: str) -> None:
        key = f"discord:ix:{interaction.id}"
        await self._answer(
            interaction, lambda actor: self._bot.click(actor, action_id, event_key=key)
        )

    async def submit(
        self, interaction: discord.Interaction[Any], action_id: str, values: Mapping[str, str]
    ) -> None:
        key = f"discord:ix:{interaction.id}"
        await self._answer(
            interaction, lambda actor: self._bot.submit(actor, action_id, values, event_key=key)
        )

    async def direct_message(self, message: discord.Message) -> None:
        """A DM to the bot: the answer to the latest prompt it DMed this person."""
        if message.guild is not None or message.author.bot:
            return
        actor = self._actor(None, message.author.id, message.channel.id)
        if actor is None:  # the prompt came from another process, or before a restart
            community = await self._bot.dm_community(PLATFORM, str(message.author.id))
            if community is not None:
                self._directory.remember(str(message.channel.id), community.external_id)
                actor = self._actor(None, message.author.id, message.channel.id)
        if actor is None:
            outcome = Outcome(reply=WHICH_SERVER, ok=False)
        else:
            key = f"discord:msg:{message.id}"
            outcome = await _safely(
                lambda a: self._bot.message(a, message.content, event_key=key), actor
            )
        if outcome.reply is not None:
            try:
                await message.channel.send(**send_kwargs(outcome.reply))
            except discord.HTTPException as e:
                log.warning("could not answer a DM: %s", e)

    async def guild_removed(self, guild_id: int) -> None:
        try:
            await self._bot.community_removed(CommunityRef(PLATFORM, str(guild_id)))
        except Exception:
            log.exception("could not mark the removed guild %s", guild_id)

    # ---- the 3-second rule -----------------------------------------------------------------

    async def _answer(self, interaction: discord.Interaction[Any], work: Work) -> None:
        actor = self.actor_of(interaction)
        if actor is None:
            await _respond(interaction, WHICH_SERVER)
            return
        task = asyncio.create_task(_safely(work, actor))
        done, _ = await asyncio.wait({task}, timeout=self._patience)
        if task in done:
            outcome = task.result()
            if outcome.form is not None:
                await _open(interaction, outcome)
            elif outcome.reply is not None:
                await _respond(interaction, outcome.reply)
            else:  # an event the core had already handled: it was answered then
                log.info("interaction %s was a repeat; not answered again", interaction.id)
            return
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
        except discord.HTTPException as e:
            log.warning("could not defer interaction %s: %s", interaction.id, e)
        outcome = await task
        await _follow_up(interaction, outcome.reply or DONE)

    def actor_of(self, interaction: discord.Interaction[Any]) -> Actor | None:
        channel_id = interaction.channel_id
        if isinstance(interaction.channel, discord.Thread) and interaction.channel.parent_id:
            channel_id = interaction.channel.parent_id  # a thread belongs to its channel's team
        return self._actor(interaction.guild_id, interaction.user.id, channel_id)

    def _actor(self, guild_id: int | None, user_id: int, channel_id: int | None) -> Actor | None:
        channel = str(channel_id) if channel_id is not None else None
        if guild_id is not None:
            return Actor(CommunityRef(PLATFORM, str(guild_id)), str(user_id), channel)
        guild = self._directory.guild_of(channel) if channel else None
        if guild is None:
            return None
        return Actor(CommunityRef(PLATFORM, guild), str(user_id), channel, is_dm=True)


async def _safely(work: Work, actor: Actor) -> Outcome:
    try:
        return await work(actor)
    except Exception:
        log.exception("the core failed on a request from %s", actor.community.id)
        return Outcome(reply=FAILED, ok=False)


async def _respond(interaction: discord.Interaction[Any], message: Message) -> None:
    try:
        await interaction.response.send_message(**send_kwargs(message), ephemeral=True)
    except discord.HTTPException as e:
        log.warning("could not answer interaction %s: %s", interaction.id, e)


async def _open(interaction: discord.Interaction[Any], outcome: Outcome) -> None:
    assert outcome.form is not None
    try:
        await interaction.response.send_modal(modal_of(outcome.form))
    except discord.HTTPException as e:
        log.warning("could not open a form for interaction %s: %s", interaction.id, e)


async def _follow_up(interaction: discord.Interaction[Any], message: Message) -> None:
    try:
        await interaction.followup.send(**send_kwargs(message), ephemeral=True)
    except discord.HTTPException as e:
        log.warning("could not follow up interaction %s: %s", interaction.id, e)
