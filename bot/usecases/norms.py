"""A team's working norms: the library's defaults until the team edits its own. Every change
is told to the team's channel in a short post."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.domain import Team
from bot.i18n import _, fill
from bot.messages import Bold, Code, Mention, Message, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel
from bot.rules.norms import NormRule, moved, reworded, with_norm, without_norm
from bot.usecases.context import Ctx, Refusal


def _norms(ctx: Ctx) -> tuple[str, ...]:
    return ctx.need_team().effective_norms(ctx.library.default_norms)


async def show(cmd: i.ShowNorms, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    b = MessageBuilder().heading(_("Working norms of {team}").format(team=team.name))
    b.bullets(_norms(ctx), numbered=True)
    if team.norms is None:
        b.context(
            _(
                "These are the default norms. Facilitators can edit them with "
                "/plc norms add | edit | move | remove | reset."
            )
        )
    return Outcome(reply=b.build())


async def add(cmd: i.NormsAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = with_norm(_norms(ctx), cmd.text, most=ctx.settings.max_norms)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    reply = text(
        *fill(_("Added norm {number}: {norm}"), number=str(len(norms)), norm=Bold(norms[-1]))
    )
    with ctx.to_team():
        return _told(ctx, team, reply, _("added norm {number}").format(number=len(norms)))


async def remove(cmd: i.NormsRemove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms, gone = without_norm(_norms(ctx), cmd.number)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    reply = text(
        *fill(_("Removed norm {number}: {norm}"), number=str(cmd.number), norm=Plain(gone))
    )
    with ctx.to_team():
        return _told(ctx, team, reply, _("removed norm {number}").format(number=cmd.number))


async def reset(cmd: i.NormsReset, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    await ctx.uow.teams.save(replace(team, norms=None))
    b = MessageBuilder().para(_("The team's norms are the defaults again:"))
    b.bullets(ctx.library.default_norms, numbered=True)
    b.para(*fill(_("See them any time with {command}."), command=Code("/plc norms")))
    with ctx.to_team():
        return _told(ctx, team, b.build(), _("set the norms back to the defaults"))


async def edit(cmd: i.NormsEdit, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = reworded(_norms(ctx), cmd.number, cmd.text)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    said = _("Norm {number} now reads: {norm}")
    reply = text(*fill(said, number=str(cmd.number), norm=Bold(norms[cmd.number - 1])))
    with ctx.to_team():
        return _told(ctx, team, reply, _("reworded norm {number}").format(number=cmd.number))


async def move(cmd: i.NormsMove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = moved(_norms(ctx), cmd.number, cmd.to)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    b = MessageBuilder().para(
        _("Moved norm {number} to place {to}:").format(number=cmd.number, to=cmd.to)
    )
    b.bullets(norms, numbered=True)
    with ctx.to_team():
        what = _("moved norm {number} to place {to}").format(number=cmd.number, to=cmd.to)
        return _told(ctx, team, b.build(), what)


def _told(ctx: Ctx, team: Team, reply: Message, what: str) -> Outcome:
    """The change, answered to who made it and told to the team in a short channel post
    (called in the team's language: `what` and the post are said to the channel)."""
    post = text(
        *fill(
            _("{who} changed {team}'s working norms: {what}. See them with {command}."),
            who=Mention(ctx.user_id),
            team=team.name,
            what=what,
            command=Code("/plc norms"),
        )
    )
    return Outcome(reply=reply, posts=[Post(ToChannel(team.channel_id), post)])
