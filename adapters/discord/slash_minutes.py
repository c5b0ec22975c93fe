"""The typed options of a session's agenda, meeting roles, decisions and minutes. Discord
shows them in the `session` group (adapters.discord.commands.UNDER)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import Choice, Range

from adapters.discord.slash import Callback, Interaction, door, optional
from bot.api import minutes_intents as m
from bot.api import one_line
from bot.api import values as v

MEETING_ROLES = [
    Choice(name="facilitator", value="facilitator"),
    Choice(name="note-taker", value="note-taker"),
    Choice(name="timekeeper", value="timekeeper"),
    Choice(name="norms keeper", value="norms-keeper"),
]


async def agenda_form(interaction: Interaction) -> None:
    await door(interaction, m.AgendaForm)


@app_commands.describe(minutes="How long the item takes", what="What the item is")
async def agenda_add(interaction: Interaction, minutes: Range[int, 1, 240], what: str) -> None:
    await door(interaction, lambda: m.AgendaAdd(minutes, one_line(what)))


async def agenda_list(interaction: Interaction) -> None:
    await door(interaction, m.AgendaList)


@app_commands.describe(number="The item's number, as the agenda list shows it")
async def agenda_remove(interaction: Interaction, number: Range[int, 1, 99]) -> None:
    await door(interaction, lambda: m.AgendaRemove(number))


async def agenda_clear(interaction: Interaction) -> None:
    await door(interaction, m.AgendaClear)


@app_commands.describe(role="The meeting role", person="Who takes it (leave out: nobody)")
@app_commands.choices(role=MEETING_ROLES)
async def session_role(
    interaction: Interaction, role: str, person: discord.User | None = None
) -> None:
    await door(
        interaction,
        lambda: m.MeetingRoleSet(m.MeetingRole(role), str(person.id) if person else None),
    )


@app_commands.describe(decision="What the team decided")
async def decision(interaction: Interaction, decision: str) -> None:
    await door(interaction, lambda: m.DecisionAdd(one_line(decision)))


@app_commands.describe(day="The day the session closed, YYYY-MM-DD (leave out: the last one)")
async def minutes(interaction: Interaction, day: str | None = None) -> None:
    await door(interaction, lambda: m.MinutesShow(optional(v.iso_date, day)))


MINUTES_TYPED: dict[str, Callback] = {
    "agenda": agenda_form,
    "agenda add": agenda_add,
    "agenda list": agenda_list,
    "agenda remove": agenda_remove,
    "agenda clear": agenda_clear,
    "session role": session_role,
    "decision": decision,
    "minutes": minutes,
}
