"""The typed options of a person's own reflections over time: edit one, list them."""

from __future__ import annotations

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


HISTORY_TYPED: dict[str, Callback] = {
    "reflect edit": reflect_edit,
    "me reflections": me_reflections,
}
