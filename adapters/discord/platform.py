"""The Discord platform's registry entry (bot/registry.py names this module)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.discord.runner import TOKEN, DiscordAdapter
from adapters.discord.settings import DiscordConfig, read_section
from bot.api import Platform


def has_credentials(env: Mapping[str, str]) -> bool:
    return bool(env.get(TOKEN))


def build(config: DiscordConfig, env: Mapping[str, str], storage: Any) -> DiscordAdapter:
    return DiscordAdapter(env=env, config=config)


PLATFORM = Platform(
    name="discord",
    credentials=TOKEN,
    has_credentials=has_credentials,
    read_section=read_section,
    build=build,
)
