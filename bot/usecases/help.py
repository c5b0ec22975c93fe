"""Help written once, from the grammar's own table."""

from __future__ import annotations

import difflib

from bot.commands import intents as i
from bot.commands.grammar import COMMANDS, GROUPS, Spec, find_spec
from bot.domain import Role
from bot.i18n import N_, _, fill
from bot.messages import Bold, Code, Inline, Message, MessageBuilder, markup
from bot.outcome import Outcome
from bot.scheduling.model import KINDS
from bot.usecases.context import Ctx

TEAM_CREATE = next(s for s in COMMANDS if s.path == ("team", "create"))
ROLE_TITLES = {
    Role.TEACHER: N_("For everyone"),
    Role.FACILITATOR: N_("For facilitators"),
    Role.ADMIN: N_("For admins"),
}
NEEDS_ROLE = {
    Role.FACILITATOR: N_("Needs the facilitator role."),
    Role.ADMIN: N_("Needs the admin role."),
}


def said(words: str) -> str:
    """A spec's text (marked with N_ in the table) in the current language; "" stays "" (the
    catalog's empty msgid is its header)."""
    return _(words).replace("{kinds}", ", ".join(KINDS)) if words else ""


def usage_line(spec: Spec) -> str:
    """The spec's usage line as the reader sees it: the command in English, the words of
    its arguments in their language."""
    return f"/plc {spec.name} {said(spec.usage)}".rstrip()


def example_line(spec: Spec) -> str:
    return f"/plc {spec.name} {said(spec.example)}".rstrip()


def usage_message(spec: Spec, problem: tuple[str | Inline, ...] = ()) -> Message:
    b = MessageBuilder()
    if problem:
        b.para(*markup(*problem))
    b.para(*fill(_("Usage: {usage}"), usage=Code(usage_line(spec))))
    if spec.example or not spec.usage:
        b.para(*fill(_("Example: {example}"), example=Code(example_line(spec))))
    return b.build()


def command_help(spec: Spec) -> Message:
    b = MessageBuilder().para(Code(usage_line(spec)), " — ", said(spec.summary))
    if spec.details:
        b.para(said(spec.details))
    if spec.example:
        b.para(*fill(_("Example: {example}"), example=Code(example_line(spec))))
    if spec.role > Role.TEACHER:
        b.context(_(NEEDS_ROLE[spec.role]))
    return b.build()


def group_lines(specs: tuple[Spec, ...]) -> list[tuple[Inline | str, ...]]:
    """Each command of a group with what it does and a working example."""
    return [
        (
            Code(usage_line(s)),
            " — ",
            said(s.summary),
            " ",
            *fill(_("Example: {example}"), example=Code(example_line(s))),
        )
        for s in specs
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
    b = MessageBuilder().heading(_("plcbot: your learning team's companion"))
    if first_team:
        b.para(
            *fill(
                _(
                    "{start}{command} makes this channel a learning team. This community has no "
                    "team yet, so whoever runs it first becomes its admin."
                ),
                start=Bold(_("Start here: ")),
                command=Code(example_line(TEAM_CREATE)),
            )
        )
    for level in Role:
        if level > role:
            continue
        b.para(Bold(_(ROLE_TITLES[level])))
        b.bullets(
            [(Code(usage_line(s)), " — ", said(s.summary)) for s in COMMANDS if s.role is level]
        )
    b.context(
        _(
            "More on one command or group: /plc help <command>, e.g. /plc help session open "
            "or /plc help norms"
        )
    )
    return b.build()


def unknown_topic(topic: str) -> Message:
    names = sorted({s.name for s in COMMANDS} | set(GROUPS))
    close = difflib.get_close_matches(topic, names, n=1, cutoff=0.5)
    b = MessageBuilder().para(*fill(_("There is no command “{topic}”."), topic=topic))
    if close:
        b.para(*fill(_("Did you mean {command}?"), command=Code(f"/plc help {close[0]}")))
    b.para(
        *fill(
            _("Every command: {help}. Command names: {names}."),
            help=Code("/plc help"),
            names=", ".join(sorted(GROUPS)),
        )
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
