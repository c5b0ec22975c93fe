"""`DiscordAdapter`: log in with DISCORD_TOKEN, sync `/plc`, serve until told to stop.

discord.py reconnects and resumes by itself when the gateway drops. This loop is for what it
gives up on (Discord unreachable at login, a server error, a close it will not resume): each
new attempt IDENTIFYs again, and Discord allows 1,000 of those a day, so attempts back off
exponentially (FIRST_RETRY doubling up to MAX_RETRY) and a bad token or a sharding mistake
stops the adapter with an error that says what to fix instead of retrying."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping

import discord

from adapters.discord.chat import DiscordChat
from adapters.discord.client import make_client
from adapters.discord.interactions import InteractionHandlers
from adapters.discord.running import Handlers
from adapters.discord.settings import DiscordConfig
from bot.api import ConfigError, Health, PlcBot

log = logging.getLogger("plcbot.discord")

TOKEN = "DISCORD_TOKEN"  # noqa: S105 (the variable's name, not a secret)
FIRST_RETRY = 5.0
MAX_RETRY = 600.0
STABLE_AFTER = 600.0  # a run this long resets the backoff
FATAL_CLOSE_CODES = {
    4004: "Discord rejected the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)",
    4010: "[discord] shard_ids holds a shard Discord does not accept",
    4011: "Discord requires sharding for this many servers: set [discord] shard_count",
    4013: "Discord rejected the gateway intents",
    4014: "Discord refused a privileged intent; plcbot needs none, so this is a bug",
}


class DiscordAdapter:
    def __init__(
        self, *, env: Mapping[str, str], config: DiscordConfig, first_retry: float = FIRST_RETRY
    ) -> None:
        self._token = (env.get(TOKEN) or "").strip()
        if config.shard_ids is not None and config.shard_count is None:
            raise ConfigError("[discord] shard_ids: needs shard_count too (e.g. shard_count = 2)")
        self._config = config
        self._first_retry = first_retry
        self.chat = DiscordChat()
        self.client: discord.Client | None = None  # the running one, for tests and diagnostics
        self.background = Handlers(
            lambda: self.client
        )  # drained by a simulation's /drain (plcbot/simulated.py)

    name = "discord"

    def health(self) -> Health:
        client = self.client
        if client is not None and client.is_ready() and _gateway_open(client):
            return Health(True, f"connected to {len(client.guilds)} servers")
        return Health(False, "not connected")

    async def run(self, bot: PlcBot, stop: asyncio.Event) -> None:
        if not self._token:
            raise ConfigError(
                f"{TOKEN} is not set: put the bot token from the Discord Developer Portal "
                "(your application → Bot → Reset Token) in the environment"
            )
        handlers = InteractionHandlers(bot=bot)
        delay = self._first_retry
        while not stop.is_set():
            started = time.monotonic()
            error = await self._serve(handlers, stop)
            if error is None or stop.is_set():
                return
            if time.monotonic() - started > STABLE_AFTER:
                delay = self._first_retry
            log.error("the Discord connection failed (%s); trying again in %.0f s", error, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
            delay = min(delay * 2, MAX_RETRY)

    async def _serve(self, handlers: InteractionHandlers, stop: asyncio.Event) -> Exception | None:
        """One client's life: None when stopped, or the error that ended it."""
        client = make_client(self._config, handlers)
        self.client = client
        self.chat.attach(client)
        serving = asyncio.create_task(client.start(self._token, reconnect=True))
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            if not client.is_closed():
                await client.close()
            self.chat.attach(None)
        try:
            await serving
        except discord.LoginFailure as e:
            raise ConfigError(f"{TOKEN}: Discord did not accept the token ({e})") from None
        except discord.PrivilegedIntentsRequired:
            raise ConfigError(FATAL_CLOSE_CODES[4014]) from None
        except discord.ConnectionClosed as e:
            if e.code in FATAL_CLOSE_CODES:
                raise ConfigError(FATAL_CLOSE_CODES[e.code]) from None
            return e
        except (discord.DiscordException, OSError, TimeoutError) as e:
            return e
        return None


def _gateway_open(client: discord.Client) -> bool:
    """Every gateway socket is open (is_ready stays true while discord.py reconnects)."""
    if isinstance(client, discord.AutoShardedClient):
        return bool(client.shards) and not any(s.is_closed() for s in client.shards.values())
    ws = client.ws
    return ws is not None and ws.open
