"""What the door answers before a use case runs: an unknown command, a value that breaks a
rule, a role the person lacks. Written once for text, typed options, buttons and forms."""

from __future__ import annotations

from bot.commands import UnknownCommand
from bot.commands.grammar import COMMANDS, GROUPS, spec_for
from bot.commands.values import Invalid
from bot.domain import Role
from bot.i18n import N_, _, fill, ngettext
from bot.messages import Code, Inline, Mention, Message, MessageBuilder, markup, text
from bot.outcome import Outcome
from bot.usecases.context import NOT_A_TEAM, Ctx, Refusal
from bot.usecases.help import example_line, group_lines, usage_line, usage_message

CHECKIN = next(s for s in COMMANDS if s.path == ("checkin",))
_BY_USAGE = {s.usage_line: s for s in reversed(COMMANDS)}  # the first spec of a line wins
MAX_NAMED = 5  # admins named in a refusal; a district may have many
BUTTON_OUT_OF_DATE = N_("That button is out of date. Please use the latest message.")
FORM_OUT_OF_DATE = N_("That form is out of date. Please open it again.")


FIRST_ADMIN = N_(
    "This community has no admin yet: the first person to run `/plc team create` in a channel "
    "becomes its admin and makes that channel a learning team."
)
NO_ADMIN_LEFT = N_(
    "This community has no admin now: whoever runs plcbot can make one with `plcbot admin grant`."
)
ONLY_ADMIN = N_("Only an admin can use {command}.")
ONLY_FACILITATOR = N_("Only a facilitator of this team (or an admin) can use {command}.")


async def _nobody(ctx: Ctx) -> str:
    """Who can help when the community has no admin to ask."""
    roll = await ctx.uow.members.lock_admins(ctx.community.id)
    return _(NO_ADMIN_LEFT if roll.ever_had else FIRST_ADMIN)


async def not_a_team(ctx: Ctx) -> Refusal:
    """The channel is no team: who can make it one."""
    if await ctx.uow.members.admins(ctx.community.id):
        return Refusal(_(NOT_A_TEAM))
    return Refusal(_("This channel isn't a learning team yet."), " ", await _nobody(ctx))


async def forbidden(ctx: Ctx, needed: Role, what: str) -> Refusal:
    """Who can help, by name: the community's admins (a few), and for a facilitator's
    command the grant an admin would type, with the person's own mention in it."""
    admins = [a for a in await ctx.uow.members.admins(ctx.community.id) if a != ctx.user_id]
    named: list[Inline | str] = []
    for n, admin in enumerate(admins[:MAX_NAMED]):
        named += [", " if n else "", Mention(admin)]
    if len(admins) > MAX_NAMED:
        more = len(admins) - MAX_NAMED
        named.append(ngettext(" and {n} more", " and {n} more", more).format(n=more))
    command = Code(_said(what))
    if needed is Role.ADMIN:
        if not named:
            return Refusal(*fill(_(ONLY_ADMIN), command=command), " ", await _nobody(ctx))
        return Refusal(
            *fill(_(ONLY_ADMIN), command=command),
            " ",
            *fill(_("Ask one of this community's admins: {admins}."), admins=named),
        )
    if not named:
        return Refusal(*fill(_(ONLY_FACILITATOR), command=command), " ", await _nobody(ctx))
    return Refusal(
        *fill(_(ONLY_FACILITATOR), command=command),
        " ",
        *fill(
            _("Ask an admin ({admins}) to give you the role: /plc role grant {you} facilitator."),
            admins=named,
            you=Mention(ctx.user_id),
        ),
    )


def _said(what: str) -> str:
    """`what` (made before the reader's language was known) in the reader's language."""
    spec = _BY_USAGE.get(what)
    return usage_line(spec) if spec else _(what)


def what(intent: object) -> str:
    """How a refusal names what was asked for: the command's usage line."""
    spec = spec_for(intent)
    return spec.usage_line if spec else N_("that")


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
    """A one-sentence refusal; `sentence` is marked with N_ (e.g. BUTTON_OUT_OF_DATE)."""
    return Outcome(reply=text(_(sentence)), ok=False)


def unknown_command(e: UnknownCommand) -> Message:
    specs = GROUPS.get(e.group or "", ())
    said = tuple(e.words.split())
    longer = tuple(s for s in specs if s.path[: len(said)] == said and len(s.path) > len(said))
    if longer:  # "/plc stage" alone, "/plc team set": which commands go on from there
        b = MessageBuilder().para(
            *fill(
                _("{command} needs one more word, one of these:"), command=Code(f"/plc {e.words}")
            )
        )
        return b.bullets(group_lines(longer)).build()
    rest = e.words.split(" ", 1)[1] if " " in e.words else ""
    b = MessageBuilder()
    if e.group:
        b.para(*fill(_("{command} has no “{words}”."), command=Code(f"/plc {e.group}"), words=rest))
    else:
        b.para(*fill(_("I don't know the command “{words}”."), words=e.words))
    if e.suggestion:
        b.para(*fill(_("Did you mean {command}?"), command=Code(f"/plc {e.suggestion}")))
    if specs:
        b.bullets(group_lines(specs))
    else:
        b.para(
            *fill(
                _("See every command with {help}. Example: {example}"),
                help=Code("/plc help"),
                example=Code(example_line(CHECKIN)),
            )
        )
    return b.build()
