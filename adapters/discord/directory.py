"""Which server a DM belongs to. A DM carries no guild, so the adapter remembers, for each DM
channel, the guild whose prompt the bot sent there last (set when DiscordChat sends a DM).

It lives in this process only: after a restart, or when another process sent the prompt, a
DM reply is answered with a polite pointer to `/plc reflect` until the next prompt arrives."""

from __future__ import annotations

from collections import OrderedDict

REMEMBERED = 50_000


class DmDirectory:
    def __init__(self, size: int = REMEMBERED) -> None:
        self._size = size
        self._guilds: OrderedDict[str, str] = OrderedDict()

    def remember(self, dm_channel_id: str, guild_id: str) -> None:
        self._guilds[dm_channel_id] = guild_id
        self._guilds.move_to_end(dm_channel_id)
        while len(self._guilds) > self._size:
            self._guilds.popitem(last=False)

    def guild_of(self, dm_channel_id: str) -> str | None:
        return self._guilds.get(dm_channel_id)
