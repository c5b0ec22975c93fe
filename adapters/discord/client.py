"""The discord.py client plcbot runs: a plain Client, or an AutoShardedClient when the config
names shards. Both get the same hooks: at start (setup_hook) the persistent button handler is
registered and `/plc` is synced; then DMs and modal submissions are handed to the handlers.

No privileged intent: Intents.default() without message_content. Discord still delivers the
content of DMs to the bot, and slash-command options and modals need no intent at all."""

from __future__ import annotations

import logging
from typing import Any, cast

import discord
from discord import app_commands

from adapters.discord.commands import build_roots
from adapters.discord.components import NO_MENTIONS, PlcButton
from adapters.discord.forms import values_of
from adapters.discord.interactions import InteractionHandlers
from adapters.discord.settings import DiscordConfig
from adapters.discord.tolerant import tolerate_older_payloads
from adapters.discord.translator import CatalogTranslator
from bot.api import ACTION_PREFIX, metrics

log = logging.getLogger("plcbot.discord")

RATE_LIMIT_WAIT = 30.0  # the longest 429 wait discord.py may sit out before giving up


class CountRateLimits(logging.Filter):
    """discord.py waits out 429s inside its HTTP client and tells only its log (a warning):
    each one is counted there, and each wait it retries after."""

    def filter(self, record: logging.LogRecord) -> bool:
        said = str(record.msg)
        if record.levelno >= logging.WARNING and "responded with 429" in said:
            metrics().rate_limited("discord")
            if "Retrying in" in said:
                metrics().retried("discord", "rate_limit")
        return True


def count_rate_limits() -> None:
    http_log = logging.getLogger("discord.http")
    if not any(isinstance(f, CountRateLimits) for f in http_log.filters):
        http_log.addFilter(CountRateLimits())


class PlcHooks:
    """Mixed into both client classes; `plc` is what discord.py callbacks reach the core by."""

    plc: InteractionHandlers
    config: DiscordConfig

    async def setup_hook(self) -> None:
        client = cast(discord.Client, self)
        client.add_dynamic_items(PlcButton)
        tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)
        for root in build_roots():
            tree.add_command(root)
        await tree.set_translator(CatalogTranslator())  # descriptions in each Discord locale
        if syncs_commands(self.config):
            await sync_commands(tree, self.config)

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None:
            await self.plc.direct_message(message)
        else:
            await self.plc.channel_reply(message)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server (not an outage): the core marks the community removed."""
        await self.plc.guild_removed(guild.id)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Modal submissions are read here, not by a Modal object, so that a form opened
        before a restart (or by another process) is still saved."""
        if interaction.type is not discord.InteractionType.modal_submit or not interaction.data:
            return
        custom_id = str(interaction.data.get("custom_id", ""))
        if custom_id.startswith(f"{ACTION_PREFIX}:"):
            components: Any = interaction.data.get("components", [])
            await self.plc.submit(interaction, custom_id, values_of(components))


class PlcClient(PlcHooks, discord.Client):
    def __init__(self, *, plc: InteractionHandlers, config: DiscordConfig, **options: Any) -> None:
        super().__init__(**options)
        self.plc = plc
        self.config = config


class ShardedPlcClient(PlcHooks, discord.AutoShardedClient):
    def __init__(self, *, plc: InteractionHandlers, config: DiscordConfig, **options: Any) -> None:
        super().__init__(**options)
        self.plc = plc
        self.config = config


def make_client(config: DiscordConfig, plc: InteractionHandlers) -> discord.Client:
    intents = discord.Intents.default()
    intents.message_content = False
    options: dict[str, Any] = {
        "intents": intents,
        "allowed_mentions": NO_MENTIONS,
        "max_ratelimit_timeout": RATE_LIMIT_WAIT,
    }
    client: discord.Client
    if config.shard_count is None and config.shard_ids is None:
        client = PlcClient(plc=plc, config=config, **options)
    else:
        if config.shard_ids is not None:
            options["shard_ids"] = list(config.shard_ids)
        client = ShardedPlcClient(plc=plc, config=config, shard_count=config.shard_count, **options)
    tolerate_older_payloads(client)
    count_rate_limits()
    return client


def syncs_commands(config: DiscordConfig) -> bool:
    """One process syncs: the one running shard 0 (or the only one). The others would send
    the same list again."""
    return config.shard_ids is None or 0 in config.shard_ids


async def sync_commands(
    tree: app_commands.CommandTree[discord.Client], config: DiscordConfig
) -> None:
    try:
        if config.dev_guild_id is not None:
            guild = discord.Object(config.dev_guild_id)
            tree.copy_global_to(guild=guild)
            synced = await tree.sync(guild=guild)
            log.info(
                "synced %d commands to the development guild %s", len(synced), config.dev_guild_id
            )
        else:
            synced = await tree.sync()
            log.info(
                "synced %d commands globally (Discord may take a while to show changes)",
                len(synced),
            )
    except discord.HTTPException as e:
        log.error("could not sync /plc with Discord (%s); the last synced commands stay in use", e)
