"""The Discord platform's registry entry (plcbot/registry.py names this module)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from adapters.discord.settings import DiscordConfig, read_section
from bot.api import Platform

if TYPE_CHECKING:
    from adapters.discord.runner import DiscordAdapter

TOKEN = "DISCORD_TOKEN"  # noqa: S105 (the variable's name, not a secret)


def has_credentials(env: Mapping[str, str]) -> bool:
    return bool(env.get(TOKEN))


def build(config: DiscordConfig, env: Mapping[str, str], storage: Any) -> DiscordAdapter:
    from adapters.discord.runner import DiscordAdapter  # discord.py only once the platform runs

    return DiscordAdapter(env=env, config=config)


PLATFORM = Platform(
    name="discord",
    credentials=TOKEN,
    has_credentials=has_credentials,
    read_section=read_section,
    build=build,
    environment=(("DISCORD_TOKEN", "the Discord bot"),),
    noisy_loggers=("discord",),
)
