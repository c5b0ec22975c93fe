"""A session's agenda and meeting roles, set by a facilitator before or at opening: they
belong to the open session, or else to the team's next one (attached when it opens)."""

from __future__ import annotations

from bot import minutes_cards
from bot.commands import minutes_intents as m
from bot.commands.values import Invalid, check
from bot.domain import Team
from bot.i18n import _, fill, ngettext
from bot.messages import Bold, Mention, Message, text
from bot.minutes import AGENDA_MAX, AgendaItem, RoleAssignment
from bot.outcome import Outcome
from bot.text import whole_number
from bot.usecases.context import Ctx, Refusal
from bot.usecases.meeting_plan import plan_of
from bot.usecases.sessions import card_update


async def target(ctx: Ctx, team: Team) -> int | None:
    """The open session's id, or None for the next session."""
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    return session.id if session else None


async def _changed(ctx: Ctx, team: Team, session_id: int | None, reply: Message) -> Outcome:
    """The answer, and the open session's card shown again with its new plan."""
    session = await ctx.uow.sessions.get(team.community_id, session_id) if session_id else None
    updates = await card_update(ctx, team, session) if session else []
    return Outcome(reply=reply, updates=updates)


def _pick(session_id: int | None, this: str, following: str) -> str:
    """What is said of the open session (`this`) or of the team's next one (`following`)."""
    return this if session_id else following


async def add(cmd: m.AgendaAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session_id = await target(ctx, team)
    held = await ctx.uow.meetings.agenda(team.community_id, team.id, session_id)
    if len(held) >= AGENDA_MAX:
        raise Refusal(
            ngettext(
                "The agenda has {n} item already; take one off with `/plc agenda remove <n>` first.",
                "The agenda has {n} items already; take one off with "
                "`/plc agenda remove <n>` first.",
                AGENDA_MAX,
            ).format(n=AGENDA_MAX)
        )
    item = AgendaItem(
        0, team.community_id, team.id, session_id, cmd.minutes, cmd.text, ctx.user_id, ctx.now
    )
    await ctx.uow.meetings.add_item(item)
    total = sum(a.minutes for a in held) + cmd.minutes
    said = _pick(
        session_id,
        _(
            "Added item {number} to this session's agenda: {minutes} — {what}. The agenda takes {total} min."
        ),
        _(
            "Added item {number} to the next session's agenda: {minutes} — {what}. The agenda takes {total} min."
        ),
    )
    reply = text(
        *fill(
            said,
            number=str(len(held) + 1),
            minutes=Bold(_("{n} min").format(n=cmd.minutes)),
            what=cmd.text,
            total=str(total),
        )
    )
    return await _changed(ctx, team, session_id, reply)


async def submit(cmd: m.AgendaSubmit, ctx: Ctx) -> Outcome:
    """The form: each value read here, so a refusal names the field to fix."""
    minutes = whole_number(cmd.minutes.strip().removesuffix("min").strip(), digits=4)
    if minutes is None:
        raise Refusal(_("Give the minutes as a number, like 15."), field="minutes")
    intent = m.AgendaAdd(minutes, cmd.text)
    try:
        check(intent)
    except Invalid as e:
        raise Refusal(*e.parts, field=e.field or "text") from None
    return await add(intent, ctx)


async def form(cmd: m.AgendaForm, ctx: Ctx) -> Outcome:
    ctx.need_team()
    reply = text(_("Add an item with `/plc agenda add <minutes> <what>`."))
    return Outcome(reply=reply, form=minutes_cards.agenda_form())


async def show(cmd: m.AgendaList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session_id = await target(ctx, team)
    plan = await plan_of(ctx, team, session_id)
    return Outcome(reply=minutes_cards.agenda_card(plan, session_open=session_id is not None))


async def remove(cmd: m.AgendaRemove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session_id = await target(ctx, team)
    held = await ctx.uow.meetings.agenda(team.community_id, team.id, session_id)
    if not 1 <= cmd.number <= len(held):
        said = _pick(
            session_id,
            _("This session's agenda has no item {number}. See `/plc agenda list`."),
            _("The next session's agenda has no item {number}. See `/plc agenda list`."),
        )
        raise Refusal(said.format(number=cmd.number))
    gone = held[cmd.number - 1]
    await ctx.uow.meetings.remove_item(team.community_id, gone.id)
    said = _("Took item {number} off the agenda: {what}")
    reply = text(*fill(said, number=str(cmd.number), what=gone.text))
    return await _changed(ctx, team, session_id, reply)


async def clear(cmd: m.AgendaClear, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session_id = await target(ctx, team)
    count = await ctx.uow.meetings.clear_agenda(team.community_id, team.id, session_id)
    said = _pick(
        session_id,
        ngettext(
            "Cleared this session's agenda ({n} item).",
            "Cleared this session's agenda ({n} items).",
            count,
        ),
        ngettext(
            "Cleared the next session's agenda ({n} item).",
            "Cleared the next session's agenda ({n} items).",
            count,
        ),
    )
    reply = text(said.format(n=count))
    return await _changed(ctx, team, session_id, reply)


async def role_set(cmd: m.MeetingRoleSet, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    session_id = await target(ctx, team)
    meetings, label = ctx.uow.meetings, cmd.role.label.lower()
    if cmd.user_id is None:
        await meetings.clear_role(team.community_id, team.id, session_id, cmd.role)
        said = _pick(
            session_id,
            _("Nobody is {role} of this session now."),
            _("Nobody is {role} of the next session now."),
        )
        reply = text(said.format(role=label))
        return await _changed(ctx, team, session_id, reply)
    await meetings.set_role(
        RoleAssignment(
            team.community_id, team.id, session_id, cmd.role, cmd.user_id, ctx.user_id, ctx.now
        )
    )
    said = _pick(
        session_id, _("{who} is {role} of this session."), _("{who} is {role} of the next session.")
    )
    reply = text(*fill(said, who=Mention(cmd.user_id), role=label))
    return await _changed(ctx, team, session_id, reply)
