"""The gateway's parse boundary: one odd event never takes the Discord connection down.

discord.py reads every gateway dispatch with the parser its connection state registered for
the event (`client._connection.parsers`, the table the gateway websocket looks events up in).
It reads some fields Discord documents as present with `data[key]`, so an interaction shaped
like Discord's own published examples, written before those fields existed (no
`member.flags`, no `attachment_size_limit`, no `channel` object), raises inside the parser, and
the exception ends the whole connection: every server this process serves goes quiet.

Two things here, installed on each client before it connects:
- INTERACTION_CREATE payloads get the optional fields discord.py needs filled with Discord's
  defaults, so such an interaction is answered as usual;
- every parser after READY is guarded: an event it still cannot read is logged (its type, id
  and the error's kind, never its content) and dropped, and the connection goes on."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import discord

log = logging.getLogger("plcbot.discord")

Parser = Callable[[Any], None]
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024  # Discord's default upload limit (no server boost)
UNGUARDED = {"READY"}  # a session that cannot start must fail loudly, and be retried


def complete_interaction(data: dict[str, Any], *, application_id: int | None) -> None:
    """Fill what an older-shaped INTERACTION_CREATE lacks with Discord's documented defaults."""
    data.setdefault("version", 1)
    data.setdefault("attachment_size_limit", ATTACHMENT_SIZE_LIMIT)
    if "application_id" not in data and application_id is not None:
        data["application_id"] = str(application_id)
    if "channel" not in data and data.get("channel_id") is not None:
        # older payloads name the channel only; discord.py finds a server's channel by its id
        data["channel"] = {"id": data["channel_id"], "type": 0 if data.get("guild_id") else 1}
    if isinstance(data.get("member"), dict):
        _complete_member(data["member"])
    resolved = (data.get("data") or {}).get("resolved") or {}
    for member in (resolved.get("members") or {}).values():
        if isinstance(member, dict):
            _complete_member(member)


def _complete_member(member: dict[str, Any]) -> None:
    member.setdefault("flags", 0)
    member.setdefault("roles", [])


def tolerate_older_payloads(client: discord.Client) -> None:
    """Install the completion and the guards on `client`'s parser table (before it connects)."""
    parsers: dict[str, Parser] = client._connection.parsers
    for event, parse in list(parsers.items()):
        if event not in UNGUARDED:
            parsers[event] = _guarded(event, parse, client)


def _guarded(event: str, parse: Parser, client: discord.Client) -> Parser:
    def guarded(data: Any) -> None:
        try:
            if event == "INTERACTION_CREATE" and isinstance(data, dict):
                complete_interaction(data, application_id=client.application_id)
            parse(data)
        except Exception as error:  # the boundary: log, drop the event, go on
            log.error(
                "dropped a %s event (id %s) discord.py could not read: %s",
                event,
                data.get("id") if isinstance(data, dict) else None,
                _what(error),
            )

    return guarded


def _what(error: Exception) -> str:
    """The error's kind and where it arose; not its message, which may quote the payload."""
    kind = type(error).__name__
    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        kind += f" {error.args[0]!r}"
    frames = traceback.extract_tb(error.__traceback__)
    if frames:
        last = frames[-1]
        kind += f" at {Path(last.filename).name}:{last.lineno}"
    return kind
