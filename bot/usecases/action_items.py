"""Action items: an owner, what is to be done, a due day in the team's time zone, a status.
Added by any member, listed on the session card, done with a button or `/plc action done`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from bot import work_cards
from bot.commands import work_intents as w
from bot.commands.values import Invalid, a_date, check, user_id
from bot.day_words import date_text
from bot.domain import Team
from bot.i18n import _, fill
from bot.messages import text
from bot.outcome import Outcome, Post, ToChannel
from bot.usecases.context import Ctx, Refusal, addressed_to
from bot.usecases.us_dates import read_as
from bot.work import ActionItem, ActionStatus


def today_of(team: Team, ctx: Ctx) -> date:
    return ctx.now.astimezone(ZoneInfo(team.timezone)).date()


async def add(cmd: w.ActionAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    read = read_as(cmd.written, cmd.due_on, [team], field="due")
    if cmd.due_on < today_of(team, ctx):
        raise Refusal(
            _(
                "{day} has passed in the team's time zone ({zone}); give a due date from today on."
            ).format(day=cmd.due_on.isoformat(), zone=team.timezone),
            field="due",
        )
    await ctx.join_team(team)
    item = await ctx.uow.action_items.add(
        ActionItem(
            0, team.community_id, team.id, cmd.owner_id, cmd.text, cmd.due_on, ctx.user_id, ctx.now
        )
    )
    due = date_text(item.due_on, today_of(team, ctx))
    with ctx.to_team():
        card = work_cards.new_item(item, today_of(team, ctx))
    return Outcome(
        reply=text(
            _(
                "Added action item #{id}, due {due}{read}. The owner is reminded the day before."
            ).format(id=item.id, due=due, read=read)
        ),
        posts=[Post(ToChannel(team.channel_id), card)],
    )


async def submit(cmd: w.ActionSubmit, ctx: Ctx) -> Outcome:
    """The form: each value read here, so a refusal names the field to fix."""
    try:
        owner = user_id(cmd.owner)
    except Invalid as e:
        raise Refusal(*e.parts, field="owner") from None
    try:
        due, written = a_date(cmd.due)
    except Invalid as e:
        raise Refusal(*e.parts, field="due") from None
    intent = w.ActionAdd(owner, cmd.text, due, written)
    try:
        check(intent)
    except Invalid as e:
        raise Refusal(*e.parts, field="text") from None
    return await add(intent, ctx)


async def form(cmd: w.ActionForm, ctx: Ctx) -> Outcome:
    ctx.need_team()
    reply = text(_("Add one with `/plc action add @owner <what> by <date>`."))
    return Outcome(reply=reply, form=work_cards.action_form())


async def list_items(cmd: w.ActionList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    items = await ctx.uow.action_items.open_for(team.community_id, team.id)
    return Outcome(reply=work_cards.items_card(team, items, today_of(team, ctx)))


async def done(cmd: w.ActionDone, ctx: Ctx) -> Outcome:
    item = await ctx.uow.action_items.get(ctx.community.id, cmd.item_id)
    team = await ctx.uow.teams.get(ctx.community.id, item.team_id) if item else None
    in_place = team is not None and (ctx.team is None or ctx.team.id == team.id)
    if item is None or team is None or not in_place or not await addressed_to(ctx, team):
        raise Refusal(
            _("This team has no action item #{id}. See `/plc action list`.").format(id=cmd.item_id)
        )
    if item.status is ActionStatus.DONE:
        return Outcome(reply=text(_("Action item #{id} was already done.").format(id=item.id)))
    await ctx.uow.action_items.save(
        replace(item, status=ActionStatus.DONE, done_at=ctx.now, done_by=ctx.user_id)
    )
    return Outcome(
        reply=text(
            *fill(_("Marked action item #{id} done: {text}"), id=str(item.id), text=item.text)
        )
    )
