"""`[discord]` in the config file, owned and checked by the Discord adapter (the token comes
from the environment: DISCORD_TOKEN). An error names the key and what is wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.api import ConfigError

SECTION_KEYS = ("dev_guild_id", "shard_count", "shard_ids")


@dataclass(frozen=True)
class DiscordConfig:
    dev_guild_id: int | None = None  # sync commands to one guild (instant) instead of globally
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None


def _whole(key: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(
            f"[discord] {key}: must be a whole number from {lo} to {hi}, not {value!r}"
        )
    return value


def read_section(section: Mapping[str, Any]) -> DiscordConfig:
    unknown = sorted(set(section) - set(SECTION_KEYS))
    if unknown:
        raise ConfigError(
            f"[discord] {unknown[0]}: unknown key (known: {', '.join(sorted(SECTION_KEYS))})"
        )
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
        shard_count = _whole("shard_count", shard_count, 1, 10_000)
        if shard_ids and max(shard_ids) >= shard_count:
            raise ConfigError(
                f"[discord] shard_ids: every id must be below shard_count ({shard_count})"
            )
    return DiscordConfig(
        dev_guild_id=None if guild is None else _whole("dev_guild_id", guild, 1, 2**63 - 1),
        shard_count=shard_count,
        shard_ids=tuple(shard_ids) if shard_ids is not None else None,
    )
