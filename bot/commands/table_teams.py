"""The team upkeep part of the command table (bot.commands.table): rename, list, archive, who
leads what, and editing or moving a norm."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import arguments_teams as t
from bot.commands import intents as i
from bot.commands.spec import Spec
from bot.i18n import N_

TEAM_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("norms", "edit"),
        N_("<n> <text>"),
        N_("2 Stay present: phones away."),
        N_("Change the words of norm number n."),
        i.NormsEdit,
        t.norms_edit,
    ),
    Spec(
        ("norms", "move"),
        N_("<n> <to>"),
        "5 1",
        N_("Move norm number n to place <to>."),
        i.NormsMove,
        t.norms_move,
    ),
    Spec(
        ("team", "rename"),
        N_("<name>"),
        N_('"Grade 4 Math PLC"'),
        N_("Give this channel's team a new name."),
        i.TeamRename,
        t.team_rename,
    ),
    Spec(
        ("team", "list"),
        "",
        "",
        N_("Every team of this community, its channel and who leads it."),
        i.TeamList,
        a.no_args(i.TeamList),
    ),
    Spec(
        ("team", "archive"),
        "",
        "",
        N_("Archive this channel's team: no more nudges or sessions; its data stays."),
        i.TeamArchive,
        a.no_args(i.TeamArchive),
        details=N_(
            "Its records stay until the retention period ends or someone asks to be "
            "forgotten. Bring it back with /plc team unarchive."
        ),
    ),
    Spec(
        ("team", "unarchive"),
        "",
        "",
        N_("Bring an archived team back."),
        i.TeamArchive,
        a.no_args(lambda: i.TeamArchive(archived=False)),
    ),
    Spec(
        ("role", "list"),
        "",
        "",
        N_("Who leads each team, and who the admins are."),
        i.RoleList,
        a.no_args(i.RoleList),
    ),
)
