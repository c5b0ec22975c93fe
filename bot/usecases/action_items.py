"""Action items: an owner, what is to be done, a due day in the team's time zone, a status.
Added by any member, listed on the session card, done with a button or `/plc action done`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from bot import work_cards
from bot.commands import work_intents as w
from bot.commands.values import Invalid, check, iso_date, user_id
from bot.domain import Team
from bot.messages import text
from bot.outcome import Outcome, Post, ToChannel
from bot.usecases.context import Ctx, Refusal, addressed_to
from bot.work import ActionItem, ActionStatus


def today_of(team: Team, ctx: Ctx) -> date:
    return ctx.now.astimezone(ZoneInfo(team.timezone)).date()


async def add(cmd: w.ActionAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.due_on < today_of(team, ctx):
        raise Refusal(
            f"{cmd.due_on.isoformat()} has passed in the team's time zone ({team.timezone}); "
            "give a due date from today on.",
            field="due",
        )
    await ctx.join_team(team)
    item = await ctx.uow.action_items.add(
        ActionItem(
            0, team.community_id, team.id, cmd.owner_id, cmd.text, cmd.due_on, ctx.user_id, ctx.now
        )
    )
    due = f"{item.due_on:%a %-d %b}"
    return Outcome(
        reply=text(
            f"Added action item #{item.id}, due {due}. The owner is reminded the day before."
        ),
        posts=[Post(ToChannel(team.channel_id), work_cards.new_item(item))],
    )


async def submit(cmd: w.ActionSubmit, ctx: Ctx) -> Outcome:
    """The form: each value read here, so a refusal names the field to fix."""
    try:
        owner = user_id(cmd.owner)
    except Invalid as e:
        raise Refusal(*e.parts, field="owner") from None
    try:
        due = iso_date(cmd.due)
    except Invalid as e:
        raise Refusal(*e.parts, field="due") from None
    intent = w.ActionAdd(owner, cmd.text, due)
    try:
        check(intent)
    except Invalid as e:
        raise Refusal(*e.parts, field="text") from None
    return await add(intent, ctx)


async def form(cmd: w.ActionForm, ctx: Ctx) -> Outcome:
    ctx.need_team()
    reply = text("Add one with `/plc action add @owner <what> by <date>`.")
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
        raise Refusal(f"This team has no action item #{cmd.item_id}. See `/plc action list`.")
    if item.status is ActionStatus.DONE:
        return Outcome(reply=text(f"Action item #{item.id} was already done."))
    await ctx.uow.action_items.save(
        replace(item, status=ActionStatus.DONE, done_at=ctx.now, done_by=ctx.user_id)
    )
    return Outcome(reply=text(f"Marked action item #{item.id} done: ", item.text))
