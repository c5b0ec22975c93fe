"""A team's working norms: the library's defaults until the team edits its own. Every change
is told to the team's channel in a short post."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.domain import Team
from bot.messages import Bold, Code, Mention, Message, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel
from bot.rules.norms import NormRule, moved, reworded, with_norm, without_norm
from bot.usecases.context import Ctx, Refusal


def _norms(ctx: Ctx) -> tuple[str, ...]:
    return ctx.need_team().effective_norms(ctx.library.default_norms)


async def show(cmd: i.ShowNorms, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    b = MessageBuilder().heading(f"Working norms of {team.name}")
    b.bullets(_norms(ctx), numbered=True)
    if team.norms is None:
        b.context(
            "These are the default norms. Facilitators can edit them with "
            "/plc norms add | edit | move | remove | reset."
        )
    return Outcome(reply=b.build())


async def add(cmd: i.NormsAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = with_norm(_norms(ctx), cmd.text, most=ctx.settings.max_norms)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    reply = text(f"Added norm {len(norms)}: ", Bold(norms[-1]))
    return _told(ctx, team, reply, f"added norm {len(norms)}")


async def remove(cmd: i.NormsRemove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms, gone = without_norm(_norms(ctx), cmd.number)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    reply = text(f"Removed norm {cmd.number}: ", Plain(gone))
    return _told(ctx, team, reply, f"removed norm {cmd.number}")


async def reset(cmd: i.NormsReset, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    await ctx.uow.teams.save(replace(team, norms=None))
    b = MessageBuilder().para("The team's norms are the defaults again:")
    b.bullets(ctx.library.default_norms, numbered=True)
    b.para("See them any time with ", Code("/plc norms"), ".")
    return _told(ctx, team, b.build(), "set the norms back to the defaults")


async def edit(cmd: i.NormsEdit, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = reworded(_norms(ctx), cmd.number, cmd.text)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    reply = text(f"Norm {cmd.number} now reads: ", Bold(norms[cmd.number - 1]))
    return _told(ctx, team, reply, f"reworded norm {cmd.number}")


async def move(cmd: i.NormsMove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = moved(_norms(ctx), cmd.number, cmd.to)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    b = MessageBuilder().para(f"Moved norm {cmd.number} to place {cmd.to}:")
    b.bullets(norms, numbered=True)
    return _told(ctx, team, b.build(), f"moved norm {cmd.number} to place {cmd.to}")


def _told(ctx: Ctx, team: Team, reply: Message, what: str) -> Outcome:
    """The change, answered to who made it and told to the team in a short channel post."""
    post = text(
        Mention(ctx.user_id),
        f" changed {team.name}'s working norms: {what}. See them with ",
        Code("/plc norms"),
        ".",
    )
    return Outcome(reply=reply, posts=[Post(ToChannel(team.channel_id), post)])
