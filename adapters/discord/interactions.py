"""What people do in Discord, handed to the core, and the core's answer handed back in time.

Discord wants the first response to an interaction within 3 seconds. The platform kit's
deadline responder (adapters/kit/deadline.py) runs the core's call: done within PATIENCE
seconds, the answer goes out as the first response (an ephemeral message, or the modal it asked
for); otherwise the interaction is deferred ("thinking", ephemeral) and the answer follows as a
follow-up when the core is done."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any

import discord

from adapters.discord.components import send_kwargs
from adapters.discord.forms import modal_of
from adapters.kit import Deadline, safely
from bot.api import (
    N_,
    Actor,
    CommunityRef,
    Intent,
    Message,
    MessageRef,
    Outcome,
    PlcBot,
    _,
    normalise,
    speaking,
    text,
    unexpected,
)

log = logging.getLogger("plcbot.discord")

PATIENCE = 2.0  # seconds to wait for the core before deferring; Discord's limit is 3
PLATFORM = "discord"

DONE = N_("Done.")
NOTED = "\N{WHITE HEAVY CHECK MARK}"

Work = Callable[[Actor], Awaitable[Outcome]]


class InteractionHandlers:
    """The `plc` attribute of the adapter's client: slash commands, clicks, submits, DMs."""

    def __init__(self, *, bot: PlcBot, patience: float = PATIENCE) -> None:
        self._bot = bot
        self._deadline = Deadline(budget=patience)

    async def intent(
        self, interaction: discord.Interaction[Any], build: Callable[[], Intent]
    ) -> None:
        """A slash command's typed options, as the intent `build` makes of them."""
        key = f"discord:ix:{interaction.id}"
        await self._answer(interaction, lambda actor: self._bot.typed(actor, build, event_key=key))

    async def intent_after(
        self,
        interaction: discord.Interaction[Any],
        fetch: Callable[[], Awaitable[Callable[[], Intent]]],
    ) -> None:
        """Typed options that need a fetch first (an attachment's bytes): fetched inside the
        answer's deadline, so a slow fetch defers the answer instead of losing it."""
        key = f"discord:ix:{interaction.id}"

        async def work(actor: Actor) -> Outcome:
            build = await fetch()
            return await self._bot.typed(actor, build, event_key=key)

        await self._answer(interaction, work)

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
        """A DM to the bot: attributed through the prompt it replies to, never by guessing."""
        if message.guild is not None or message.author.bot:
            return
        quoted = message.reference.message_id if message.reference else None
        about = MessageRef(str(message.channel.id), str(quoted)) if quoted else None
        place = await self._place(message.author.id, message.channel.id, about, None)
        if isinstance(place, Actor):
            key = f"discord:msg:{message.id}"
            work = self._bot.message(place, message.content, thread=about, event_key=key)
            outcome = await safely(work, place.community.id)
        else:
            outcome = Outcome(reply=place, ok=False)
        if outcome.reply is not None:
            try:
                await message.channel.send(**send_kwargs(outcome.reply))
            except discord.HTTPException as e:
                log.warning("could not answer a DM: %s", e)

    async def channel_reply(self, message: discord.Message) -> None:
        """A Reply to one of the bot's messages in a server channel, or a message in a thread
        started from one. Without the Message Content intent Discord hands over its words only
        when it mentions the bot (a Reply pings its author by default): a note for a protocol
        step's card; the core leaves anything else alone. Acknowledged with a reaction."""
        if message.guild is None or message.author.bot:
            return
        channel = message.channel
        parent = channel.parent_id if isinstance(channel, discord.Thread) else None
        if parent is not None:  # a thread started from a message has that message's id
            about = MessageRef(str(parent), str(channel.id))
        elif message.reference is not None and message.reference.message_id is not None:
            about = MessageRef(str(channel.id), str(message.reference.message_id))
        else:
            return
        body = _without_mention(message.content, message.guild.me)
        if not body:
            return
        guild = CommunityRef(PLATFORM, str(message.guild.id), message.guild.name)
        actor = Actor(guild, str(message.author.id), about.channel_id)
        key = f"discord:msg:{message.id}"
        work = self._bot.step_reply(actor, body, thread=about, event_key=key)
        outcome = await safely(work, actor.community.id)
        if outcome.ok and outcome.reply is not None:
            try:
                await message.add_reaction(NOTED)
            except discord.HTTPException as e:
                log.warning("could not acknowledge a note: %s", e)

    async def guild_removed(self, guild_id: int) -> None:
        try:
            await self._bot.community_removed(CommunityRef(PLATFORM, str(guild_id)))
        except Exception:
            log.exception("could not mark the removed guild %s", guild_id)

    # ---- the 3-second rule -----------------------------------------------------------------

    async def _answer(self, interaction: discord.Interaction[Any], work: Work) -> None:
        actor = await self.actor_of(interaction)
        if not isinstance(actor, Actor):
            await _respond(interaction, actor)
            return

        async def in_time(outcome: Outcome) -> None:
            if outcome.form is not None:
                await _open(interaction, outcome)
            elif outcome.reply is not None:
                await _respond(interaction, outcome.reply)
            else:  # an event the core had already handled: it was answered then
                log.info("interaction %s was a repeat; not answered again", interaction.id)

        async def later(outcome: Outcome) -> None:
            if outcome.reply is None:
                with speaking(locale_of(interaction)):
                    await _follow_up(interaction, text(_(DONE)))
                return
            await _follow_up(interaction, outcome.reply)

        await self._deadline.respond(
            work(actor),
            where=actor.community.id,
            in_time=in_time,
            defer=lambda: _defer(interaction),
            later=later,
            wait=True,
        )

    async def actor_of(self, interaction: discord.Interaction[Any]) -> Actor | Message:
        """Who acts where; in a DM, the server is found through the message clicked on or the
        prompt the button or form names (or what to tell the person, when it cannot be)."""
        if interaction.guild_id is not None:
            channel_id = interaction.channel_id
            if isinstance(interaction.channel, discord.Thread) and interaction.channel.parent_id:
                channel_id = interaction.channel.parent_id  # a thread belongs to its channel's team
            channel = str(channel_id) if channel_id is not None else None
            name = interaction.guild.name if interaction.guild else None
            guild = CommunityRef(PLATFORM, str(interaction.guild_id), name)
            return Actor(guild, str(interaction.user.id), channel, locale=_locale(interaction))
        clicked = interaction.message
        about = MessageRef(str(clicked.channel.id), str(clicked.id)) if clicked else None
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = data.get("custom_id")
        action_id = custom_id if isinstance(custom_id, str) else None
        actor = await self._place(interaction.user.id, interaction.channel_id, about, action_id)
        return replace(actor, locale=_locale(interaction)) if isinstance(actor, Actor) else actor

    async def _place(
        self, user_id: int, channel_id: int | None, about: MessageRef | None, action_id: str | None
    ) -> Actor | Message:
        try:
            place = await self._bot.dm_place(
                PLATFORM, str(user_id), about=about, action_id=action_id
            )
        except Exception:
            outcome = unexpected(f"{PLATFORM} (placing a DM)")
            assert outcome.reply is not None
            return outcome.reply
        if isinstance(place, CommunityRef):
            channel = str(channel_id) if channel_id is not None else None
            return Actor(place, str(user_id), channel, is_dm=True)
        return place


def _locale(interaction: discord.Interaction[Any]) -> str | None:
    """The person's Discord language ("es-419", "en-US"): the core maps it to one it speaks."""
    locale = getattr(interaction, "locale", None)
    return str(locale.value) if isinstance(locale, discord.Locale) else None


async def _defer(interaction: discord.Interaction[Any]) -> None:
    try:
        await interaction.response.defer(ephemeral=True, thinking=True)
    except discord.HTTPException as e:
        log.warning("could not defer interaction %s: %s", interaction.id, e)


async def _respond(interaction: discord.Interaction[Any], message: Message) -> None:
    try:
        await interaction.response.send_message(**send_kwargs(message), ephemeral=True)
    except discord.HTTPException as e:
        log.warning("could not answer interaction %s: %s", interaction.id, e)


async def _open(interaction: discord.Interaction[Any], outcome: Outcome) -> None:
    assert outcome.form is not None
    modal = modal_of(outcome.form)
    modal.stop()  # its submission is read by PlcHooks.on_interaction: discord.py keeps no copy
    try:
        await interaction.response.send_modal(modal)
    except discord.HTTPException as e:
        log.warning("could not open a form for interaction %s: %s", interaction.id, e)


async def _follow_up(interaction: discord.Interaction[Any], message: Message) -> None:
    try:
        await interaction.followup.send(**send_kwargs(message), ephemeral=True)
    except discord.HTTPException as e:
        log.warning("could not follow up interaction %s: %s", interaction.id, e)


def _without_mention(content: str, me: discord.Member | None) -> str:
    """The words of a message that mentions the bot, without the mention."""
    if me is not None:
        for mention in (f"<@{me.id}>", f"<@!{me.id}>"):
            content = content.replace(mention, " ")
    return content.strip()


def locale_of(interaction: discord.Interaction[Any]) -> str | None:
    """The language Discord says the person uses (`es-419` → `es`), for the adapter's own words;
    None when plcbot does not speak it."""
    return normalise(_locale(interaction))
