"""The typed options of a person's record over time: reflections (edit one, list them),
attendance at sessions and the PD-hours log."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import Range

from adapters.discord.slash import VISIBILITIES, Callback, Interaction, door, optional
from bot.api import clean
from bot.api import intents as i
from bot.api import values as v


@app_commands.describe(
    number="The reflection's number, as /plc me reflections shows it",
    text="The new text",
    visibility="Who can read it (unchanged if left out)",
)
@app_commands.choices(visibility=VISIBILITIES)
async def reflect_edit(
    interaction: Interaction,
    number: Range[int, 1, 2_000_000_000],
    text: str,
    visibility: str | None = None,
) -> None:
    await door(
        interaction,
        lambda: i.ReflectEdit(number, clean(text), optional(v.visibility, visibility)),
    )


@app_commands.describe(from_="Only since this date, YYYY-MM-DD")
@app_commands.rename(from_="since")
async def me_reflections(interaction: Interaction, from_: str | None = None) -> None:
    await door(interaction, lambda: i.MeReflections(optional(v.iso_date, from_)))


async def here(interaction: Interaction) -> None:
    await door(interaction, i.Here)


@app_commands.describe(
    person="Someone who was there", second="And another", third="And another", fourth="And another"
)
async def attend(
    interaction: Interaction,
    person: discord.User,
    second: discord.User | None = None,
    third: discord.User | None = None,
    fourth: discord.User | None = None,
) -> None:
    people = [p for p in (person, second, third, fourth) if p is not None]
    await door(interaction, lambda: i.Attend(tuple(str(p.id) for p in people)))


async def attend_confirm(interaction: Interaction) -> None:
    await door(interaction, i.AttendConfirm)


@app_commands.describe(from_="Only since this date, YYYY-MM-DD")
@app_commands.rename(from_="since")
async def me_pdhours(interaction: Interaction, from_: str | None = None) -> None:
    await door(interaction, lambda: i.MePdHours(optional(v.iso_date, from_)))


HISTORY_TYPED: dict[str, Callback] = {
    "here": here,
    "attend": attend,
    "attend confirm": attend_confirm,
    "me pdhours": me_pdhours,
    "reflect edit": reflect_edit,
    "me reflections": me_reflections,
}
