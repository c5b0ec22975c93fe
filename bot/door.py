"""What the door answers before a use case runs: an unknown command, a value that breaks a
rule, a role the person lacks. Written once for text, typed options, buttons and forms."""

from __future__ import annotations

from bot.commands import UnknownCommand
from bot.commands.grammar import GROUPS, spec_for
from bot.commands.values import Invalid
from bot.domain import Role
from bot.messages import Code, Inline, Mention, Message, MessageBuilder, Plain, markup, text
from bot.outcome import Outcome
from bot.usecases.context import Ctx, Refusal
from bot.usecases.help import group_lines, usage_message

MAX_NAMED = 5  # admins named in a refusal; a district may have many
BUTTON_OUT_OF_DATE = "That button is out of date. Please use the latest message."
FORM_OUT_OF_DATE = "That form is out of date. Please open it again."


async def forbidden(ctx: Ctx, needed: Role, what: str) -> Refusal:
    """Who can help, by name: the community's admins (a few), and for a facilitator's
    command the grant an admin would type, with the person's own mention in it."""
    admins = [a for a in await ctx.uow.members.admins(ctx.community.id) if a != ctx.user_id]
    named: list[Inline | str] = []
    for n, admin in enumerate(admins[:MAX_NAMED]):
        named += [", " if n else "", Mention(admin)]
    if len(admins) > MAX_NAMED:
        named.append(f" and {len(admins) - MAX_NAMED} more")
    if needed is Role.ADMIN:
        if not named:
            return Refusal(f"Only an admin can use `{what}`. Ask one of this community's admins.")
        return Refusal(
            f"Only an admin can use `{what}`. Ask one of this community's admins: ", *named, "."
        )
    return Refusal(
        f"Only a facilitator of this team (or an admin) can use `{what}`. ",
        *(["Ask an admin (", *named, ")"] if named else ["Ask an admin"]),
        " to give you the role: /plc role grant ",
        Mention(ctx.user_id),
        " facilitator.",
    )


def what(intent: object) -> str:
    """How a refusal names what was asked for: the command's usage line."""
    spec = spec_for(intent)
    return spec.usage_line if spec else "that"


def invalid(error: Invalid, intent: object | None = None) -> Outcome:
    """A value broke a rule: the same words the grammar would use, with the usage when the
    command is known, and the field the error belongs to (for a form)."""
    spec = spec_for(intent) if intent is not None else None
    if spec is not None:
        reply = usage_message(spec, error.parts)
    else:
        reply = MessageBuilder().para(*markup(*error.parts)).build()
    fields = {error.field: reply} if error.field else {}
    return Outcome(reply=reply, ok=False, field_errors=fields)


def refused(sentence: str) -> Outcome:
    return Outcome(reply=text(sentence), ok=False)


def unknown_command(e: UnknownCommand) -> Message:
    specs = GROUPS.get(e.group or "", ())
    said = tuple(e.words.split())
    longer = tuple(s for s in specs if s.path[: len(said)] == said and len(s.path) > len(said))
    if longer:  # "/plc stage" alone, "/plc team set": which commands go on from there
        b = MessageBuilder().para(Code(f"/plc {e.words}"), " needs one more word, one of these:")
        return b.bullets(group_lines(longer)).build()
    rest = e.words.split(" ", 1)[1] if " " in e.words else ""
    b = MessageBuilder()
    if e.group:
        b.para(Code(f"/plc {e.group}"), " has no “", Plain(rest), "”.")
    else:
        b.para("I don't know the command “", Plain(e.words), "”.")
    if e.suggestion:
        b.para("Did you mean ", Code(f"/plc {e.suggestion}"), "?")
    if specs:
        b.bullets(group_lines(specs))
    else:
        b.para(
            "See every command with ",
            Code("/plc help"),
            ". Example: ",
            Code("/plc checkin 4 curious"),
        )
    return b.build()
