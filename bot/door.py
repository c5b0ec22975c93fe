"""What the door answers before a use case runs: an unknown command, a value that breaks a
rule, a role the person lacks. Written once for text, typed options, buttons and forms."""

from __future__ import annotations

from bot.commands import UnknownCommand
from bot.commands.grammar import GROUPS, spec_for
from bot.commands.values import Invalid
from bot.domain import Role
from bot.messages import Code, Message, MessageBuilder, Plain, markup, text
from bot.outcome import Outcome
from bot.usecases.help import usage_message

BUTTON_OUT_OF_DATE = "That button is out of date. Please use the latest message."
FORM_OUT_OF_DATE = "That form is out of date. Please open it again."


def forbidden(needed: Role, what: str) -> str:
    if needed is Role.ADMIN:
        return f"Only an admin can use `{what}`. Ask one of this community's admins."
    return (
        f"Only a facilitator of this team (or an admin) can use `{what}`. "
        "An admin can grant the role with `/plc role grant @you facilitator`."
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
    b = MessageBuilder()
    if e.group:
        b.para(Code(f"/plc {e.group}"), " has no “", Plain(e.words.split(" ", 1)[-1]), "”.")
    else:
        b.para("I don't know the command “", Plain(e.words), "”.")
    if e.suggestion:
        b.para("Did you mean ", Code(f"/plc {e.suggestion}"), "?")
    specs = GROUPS.get(e.group or "", ())
    if specs:
        b.bullets([(Code(s.usage_line), " — ", s.summary) for s in specs])
        b.para("Example: ", Code(specs[0].example_line))
    else:
        b.para(
            "See every command with ",
            Code("/plc help"),
            ". Example: ",
            Code("/plc checkin 4 curious"),
        )
    return b.build()
