"""Help written once, from the grammar's own table."""

from __future__ import annotations

from bot.commands import intents as i
from bot.commands.grammar import COMMANDS, Spec, find_spec
from bot.domain import Role
from bot.messages import Bold, Code, Message, MessageBuilder, Plain, markup
from bot.outcome import Outcome
from bot.usecases.context import Ctx

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


def overview(role: Role) -> Message:
    b = MessageBuilder().heading("plcbot: your learning team's companion")
    for level in Role:
        if level > role:
            continue
        b.para(Bold(ROLE_TITLES[level]))
        b.bullets([(Code(s.usage_line), " — ", s.summary) for s in COMMANDS if s.role is level])
    b.context("More on one command: /plc help <command>, e.g. /plc help session open")
    return b.build()


async def show(cmd: i.Help, ctx: Ctx) -> Outcome:
    if cmd.topic:
        spec = find_spec(cmd.topic) or find_spec(cmd.topic.split()[0])
        if spec is not None:
            return Outcome(reply=command_help(spec))
    return Outcome(reply=overview(ctx.role))
