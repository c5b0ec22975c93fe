"""The typed options of the team upkeep commands: rename, list, archive, who leads what, and
editing or moving a norm."""

from __future__ import annotations

from discord import app_commands
from discord.app_commands import Range

from adapters.discord.slash import Callback, Interaction, door
from bot.api import intents as i
from bot.api import one_line


@app_commands.describe(name="The team's new name")
async def team_rename(interaction: Interaction, name: str) -> None:
    await door(interaction, lambda: i.TeamRename(one_line(name)))


async def team_list(interaction: Interaction) -> None:
    await door(interaction, i.TeamList)


async def team_archive(interaction: Interaction) -> None:
    await door(interaction, i.TeamArchive)


async def team_unarchive(interaction: Interaction) -> None:
    await door(interaction, lambda: i.TeamArchive(archived=False))


async def role_list(interaction: Interaction) -> None:
    await door(interaction, i.RoleList)


@app_commands.describe(
    number="The norm's number, as /plc norms show lists them", text="Its new words"
)
async def norms_edit(interaction: Interaction, number: Range[int, 1, 99], text: str) -> None:
    await door(interaction, lambda: i.NormsEdit(number, one_line(text)))


@app_commands.describe(
    number="The norm's number, as /plc norms show lists them", to="The place it moves to"
)
async def norms_move(
    interaction: Interaction, number: Range[int, 1, 99], to: Range[int, 1, 99]
) -> None:
    await door(interaction, lambda: i.NormsMove(number, to))


TEAMS_TYPED: dict[str, Callback] = {
    "team rename": team_rename,
    "team list": team_list,
    "team archive": team_archive,
    "team unarchive": team_unarchive,
    "role list": role_list,
    "norms edit": norms_edit,
    "norms move": norms_move,
}
