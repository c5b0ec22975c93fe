"""Help written once, from the grammar's own table."""

from __future__ import annotations

import difflib

from bot.commands import intents as i
from bot.commands.grammar import COMMANDS, GROUPS, Spec, find_spec
from bot.domain import Role
from bot.messages import Bold, Code, Inline, Message, MessageBuilder, Plain, markup
from bot.outcome import Outcome
from bot.usecases.context import Ctx

TEAM_CREATE = next(s for s in COMMANDS if s.path == ("team", "create"))
ROLE_TITLES = {
    Role.TEACHER: "For everyone",
    Role.FACILITATOR: "For facilitators",
    Role.ADMIN: "For admins",
}


def usage_message(spec: Spec, problem: tuple[str | Plain, ...] = ()) -> Message:
    b = MessageBuilder()
    if problem:
        b.para(*markup(*problem))
    b.para("Usage: ", Code(spec.usage_line))
    if spec.example or not spec.usage:
        b.para("Example: ", Code(spec.example_line))
    return b.build()


def command_help(spec: Spec) -> Message:
    b = MessageBuilder().para(Code(spec.usage_line), " — ", spec.summary)
    if spec.details:
        b.para(spec.details)
    if spec.example:
        b.para("Example: ", Code(spec.example_line))
    if spec.role > Role.TEACHER:
        b.context(f"Needs the {spec.role.label} role.")
    return b.build()


def group_lines(specs: tuple[Spec, ...]) -> list[tuple[Inline | str, ...]]:
    """Each command of a group with what it does and a working example."""
    return [
        (Code(s.usage_line), " — ", s.summary, " Example: ", Code(s.example_line)) for s in specs
    ]


def group_help(group: str, *lead: Inline | str) -> Message:
    b = MessageBuilder()
    if lead:
        b.para(*lead)
    else:
        b.heading(f"/plc {group}")
    b.bullets(group_lines(GROUPS[group]))
    return b.build()


def overview(role: Role, *, first_team: bool = False) -> Message:
    b = MessageBuilder().heading("plcbot: your learning team's companion")
    if first_team:
        b.para(
            Bold("Start here: "),
            Code(f"/plc team create {TEAM_CREATE.example}"),
            " makes this channel a learning team. This community has no team yet, so whoever "
            "runs it first becomes its admin.",
        )
    for level in Role:
        if level > role:
            continue
        b.para(Bold(ROLE_TITLES[level]))
        b.bullets([(Code(s.usage_line), " — ", s.summary) for s in COMMANDS if s.role is level])
    b.context(
        "More on one command or group: /plc help <command>, e.g. /plc help session open "
        "or /plc help norms"
    )
    return b.build()


def unknown_topic(topic: str) -> Message:
    names = sorted({s.name for s in COMMANDS} | set(GROUPS))
    close = difflib.get_close_matches(topic, names, n=1, cutoff=0.5)
    b = MessageBuilder().para("There is no command “", Plain(topic), "”.")
    if close:
        b.para("Did you mean ", Code(f"/plc help {close[0]}"), "?")
    b.para(
        "Every command: ", Code("/plc help"), ". Command names: ", ", ".join(sorted(GROUPS)), "."
    )
    return b.build()


async def show(cmd: i.Help, ctx: Ctx) -> Outcome:
    topic = cmd.topic
    if not topic:
        first = not await ctx.uow.teams.list(ctx.community.id)
        return Outcome(reply=overview(ctx.role, first_team=first))
    if len(GROUPS.get(topic, ())) > 1:  # "norms": showing them and editing them
        return Outcome(reply=group_help(topic))
    spec = find_spec(topic) or find_spec(topic.split()[0])
    if spec is not None:
        return Outcome(reply=command_help(spec))
    group = topic.split()[0]
    if group in GROUPS:
        return Outcome(reply=group_help(group))
    return Outcome(reply=unknown_topic(topic), ok=False)
