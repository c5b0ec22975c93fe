"""The typed options of the protocol runner: list, start (with the library's protocols to pick
from as you type), note and stop."""

from __future__ import annotations

from discord import app_commands

from adapters.discord.slash import Callback, Interaction, door
from bot.api import clean, one_line
from bot.api import protocol_intents as p


async def protocol_list(interaction: Interaction) -> None:
    await door(interaction, p.ProtocolList)


@app_commands.describe(protocol="The protocol's id or name, as /plc protocol list shows it")
async def protocol_start(interaction: Interaction, protocol: str) -> None:
    await door(interaction, lambda: p.ProtocolStart(one_line(protocol)))


@app_commands.describe(note="The note: the whole team sees it, and it goes into the minutes")
async def protocol_note(interaction: Interaction, note: str) -> None:
    await door(interaction, lambda: p.ProtocolNote(clean(note)))


async def protocol_stop(interaction: Interaction) -> None:
    await door(interaction, p.ProtocolStop)


PROTOCOL_TYPED: dict[str, Callback] = {
    "protocol list": protocol_list,
    "protocol start": protocol_start,
    "protocol note": protocol_note,
    "protocol stop": protocol_stop,
}
