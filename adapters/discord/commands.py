"""`/plc` as one Discord app-command group, built from the core's grammar.

Names, grouping and descriptions come from `bot.commands.grammar.COMMANDS`; this module only
adds typed options (a 1–5 integer, stage and role choices, a user picker). Every handler
builds the core's intent from its typed options and calls the typed door; the core checks the
values with the same rules the grammar uses. A grammar command without typed options here is
an error at start, never a text fallback. Discord nests at most two levels under `/plc`, so a longer path joins
its tail with a dash (`/plc team set-tz`), and `/plc norms` becomes `/plc norms show` because
`norms` is also a group (so do `/plc cycle show` and `/plc goal show`, the goal form). Past
Discord's 25 under `/plc`, a group folds into another (`/plc session protocol-start`).

Discord honours default member permissions only on top-level commands, and every command here
is a subcommand of `/plc`: the facilitator and admin commands are visible to everyone, and the
core checks the role and answers with the role needed."""

from __future__ import annotations

from typing import Any

from discord import app_commands

from adapters.discord.slash import ROOT, TYPED, Callback
from adapters.discord.slash_admin import ADMIN_TYPED
from adapters.discord.slash_credentials import CREDENTIAL_TYPED
from adapters.discord.slash_history import HISTORY_TYPED
from adapters.discord.slash_language import LANGUAGE_TYPED
from adapters.discord.slash_minutes import MINUTES_TYPED
from adapters.discord.slash_prompts import PROMPT_TYPED
from adapters.discord.slash_protocols import PROTOCOL_TYPED
from adapters.discord.slash_teams import TEAMS_TYPED
from adapters.discord.slash_work import WORK_TYPED
from adapters.discord.translator import described, fit
from bot.api import COMMANDS, GROUPS, N_, Spec

ROOT_DESCRIPTION = N_("Your learning team: check-ins, reflections, sessions, norms and the cycle.")


def typed(spec: Spec) -> Callback:
    callback = (
        TYPED.get(spec.name)
        or ADMIN_TYPED.get(spec.name)
        or PROMPT_TYPED.get(spec.name)
        or HISTORY_TYPED.get(spec.name)
        or TEAMS_TYPED.get(spec.name)
        or WORK_TYPED.get(spec.name)
        or MINUTES_TYPED.get(spec.name)
        or PROTOCOL_TYPED.get(spec.name)
        or CREDENTIAL_TYPED.get(spec.name)
        or LANGUAGE_TYPED.get(spec.name)
    )
    if callback is None:
        raise LookupError(
            f"/plc {spec.name} has no typed options: add its handler to adapters/discord/slash*.py"
        )
    return callback


# Commands typed every week keep their bare name (Discord cannot hold `/plc reflect` and a
# `/plc reflect` group at once): their sub-commands sit beside them, `/plc reflect-edit`.
KEEP_BARE = frozenset({"reflect", "attend"})
# Discord holds at most 25 commands and groups under /plc: a meeting's own commands sit in the
# `session` group (`/plc session agenda-add`, `/plc session decision`, `/plc session minutes`).
# A group run inside a meeting sits there too, its path joined with dashes
# (`/plc session protocol-start`).
UNDER = {"agenda": "session", "decision": "session", "minutes": "session", "protocol": "session"}


def placement(spec: Spec) -> tuple[str | None, str]:
    """(sub-group or None, subcommand name) of a spec under /plc."""
    head, tail = spec.path[0], spec.path[1:]
    if head in UNDER:
        return UNDER[head], "-".join(spec.path)
    if head in KEEP_BARE:
        return None, "-".join(spec.path)
    if tail:
        return head, "-".join(tail)
    if len(GROUPS.get(head, ())) > 1:
        return head, "show"
    return None, head


# Discord allows 25 sub-commands and groups under one command, and /plc has them all: these
# groups are commands of their own (`/credential start`, not `/plc credential start`).
OWN_ROOTS = frozenset({"credential"})


def build_roots() -> list[app_commands.Group]:
    """/plc, and each group of OWN_ROOTS as a command of its own."""
    roots = [build_plc()]
    for group in sorted(OWN_ROOTS):
        root = app_commands.Group(name=group, description=_group_description(group))
        for spec in GROUPS[group]:
            root.add_command(
                app_commands.Command(
                    name=placement(spec)[1],
                    description=described(spec.summary),
                    callback=typed(spec),
                    parent=root,
                )
            )
        roots.append(root)
    return roots


def build_plc() -> app_commands.Group:
    plc = app_commands.Group(name=ROOT, description=described(ROOT_DESCRIPTION))
    groups: dict[str, app_commands.Group] = {}
    for spec in COMMANDS:
        if spec.path[0] in OWN_ROOTS:
            continue
        group_name, name = placement(spec)
        parent = plc
        if group_name is not None:
            if group_name not in groups:
                groups[group_name] = app_commands.Group(
                    name=group_name, description=_group_description(group_name), parent=plc
                )
            parent = groups[group_name]
        callback = typed(spec)
        command: app_commands.Command[Any, ..., None] = app_commands.Command(
            name=name, description=described(spec.summary), callback=callback, parent=parent
        )
        parent.add_command(command)
    return plc


def _group_description(group: str) -> str:
    folded = [s for s in COMMANDS if UNDER.get(s.path[0]) == group]
    names = ", ".join(placement(s)[1] for s in (*GROUPS[group], *folded))
    return fit(f"/plc {group}: {names}")
