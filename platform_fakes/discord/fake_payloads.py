"""JSON objects as Discord's API v10 sends them: users, members, guilds, channels, messages,
interactions. Only what the fake needs, but in Discord's own shapes and key names."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Json = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
_ids = itertools.count(1)


def snowflake() -> int:
    """A fresh id: milliseconds since Discord's epoch in the high bits, a counter below."""
    now_ms = int(datetime.now(UTC).timestamp() * 1000) - DISCORD_EPOCH_MS
    return (now_ms << 22) | (next(_ids) & 0x3FFFFF)


def guild_id_on_shard(shard_id: int, shard_count: int, n: int = 0) -> int:
    """A guild id that Discord's formula (guild_id >> 22) % shard_count puts on `shard_id`."""
    base = shard_count * (70_000_000_000 + n)
    return ((base + shard_id) << 22) | 7


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def token() -> str:
    return secrets.token_urlsafe(24)


def user(user_id: int, name: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def member(user_payload: Json, *, permissions: int = 0) -> Json:
    return {
        "user": user_payload,
        "roles": [],
        "joined_at": now_iso(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "premium_since": None,
        "permissions": str(permissions),
    }


@dataclass
class Guild:
    id: int
    name: str
    channels: list[int] = field(default_factory=list)

    def shard(self, shard_count: int) -> int:
        return (self.id >> 22) % shard_count


def text_channel(channel_id: int, guild_id: int, name: str, position: int = 0) -> Json:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def thread_channel(thread_id: int, parent: Json, name: str) -> Json:
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": parent["guild_id"],
        "parent_id": parent["id"],
        "owner_id": "1",
        "name": name,
        "message_count": 0,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "flags": 0,
        "last_message_id": None,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": now_iso(),
            "locked": False,
        },
    }


def dm_channel(channel_id: int, recipient: Json) -> Json:
    return {
        "id": str(channel_id),
        "type": 1,
        "recipients": [recipient],
        "last_message_id": None,
        "flags": 0,
    }


def guild_create(guild: Guild, bot_user: Json) -> Json:
    everyone = {
        "id": str(guild.id),
        "name": "@everyone",
        "permissions": "1071698660929",
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "owner_id": "1",
        "region": "us-west",
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": now_iso(),
        "large": False,
        "unavailable": False,
        "member_count": 2,
        "voice_states": [],
        "members": [member(bot_user)],
        "channels": [
            text_channel(c, guild.id, f"team-{n}", n) for n, c in enumerate(guild.channels)
        ],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def message(
    message_id: int,
    channel_id: int,
    author: Json,
    body: Json,
    *,
    guild_id: int | None = None,
    flags: int = 0,
) -> Json:
    payload: Json = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": body.get("content") or "",
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": body.get("attachments") or [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 0,
        "flags": flags | int(body.get("flags") or 0),
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
    return payload


def app_info(app_id: int, owner: Json) -> Json:
    return {
        "id": str(app_id),
        "name": "plcbot (fake)",
        "icon": None,
        "description": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
        "team": None,
        "summary": "",
    }
