"""`[discord]` in the config file, owned and checked by the Discord adapter (the token comes
from the environment: DISCORD_TOKEN). An error names the key and what to write instead."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.api import ConfigError, config_rules

SECTION_KEYS = ("dev_guild_id", "shard_count", "shard_ids")


@dataclass(frozen=True)
class DiscordConfig:
    dev_guild_id: int | None = None  # sync commands to one guild (instant) instead of globally
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None


def read_section(section: Mapping[str, Any]) -> DiscordConfig:
    config_rules.known_keys("discord", section, SECTION_KEYS)
    guild = section.get("dev_guild_id")
    shard_ids = section.get("shard_ids")
    if shard_ids is not None and (
        not isinstance(shard_ids, list)
        or not all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in shard_ids)
    ):
        raise ConfigError(
            f"[discord] shard_ids: must be a list of shard numbers, like [0, 1], not {shard_ids!r}"
        )
    shard_count = section.get("shard_count")
    if shard_count is not None:
        shard_count = config_rules.whole("discord", "shard_count", shard_count, 1, 10_000)
        if shard_ids and max(shard_ids) >= shard_count:
            raise ConfigError(
                f"[discord] shard_ids: every id must be below shard_count ({shard_count})"
            )
    return DiscordConfig(
        dev_guild_id=None if guild is None else _server_id(guild),
        shard_count=shard_count,
        shard_ids=tuple(shard_ids) if shard_ids is not None else None,
    )


def _server_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise ConfigError(
            "[discord] dev_guild_id: must be a whole number, the server's id like "
            f"123456789012345678 (no quotes; Copy Server ID in Discord), not {value!r}"
        )
    return value
