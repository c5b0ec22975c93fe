"""A team's working norms: the library's defaults until the team edits its own."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.messages import Bold, Code, MessageBuilder, text
from bot.outcome import Outcome
from bot.rules.norms import NormRule, with_norm, without_norm
from bot.usecases.context import Ctx, Refusal


def _norms(ctx: Ctx) -> tuple[str, ...]:
    return ctx.need_team().effective_norms(ctx.library.default_norms)


async def show(cmd: i.ShowNorms, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    b = MessageBuilder().heading(f"Working norms of {team.name}")
    b.bullets(_norms(ctx), numbered=True)
    if team.norms is None:
        b.context(
            "These are the default norms. Facilitators can edit them with /plc norms add | remove | reset."
        )
    return Outcome(reply=b.build())


async def add(cmd: i.NormsAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms = with_norm(_norms(ctx), cmd.text, most=ctx.settings.max_norms)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    return Outcome(reply=text(f"Added norm {len(norms)}: ", Bold(norms[-1])))


async def remove(cmd: i.NormsRemove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    try:
        norms, gone = without_norm(_norms(ctx), cmd.number)
    except NormRule as e:
        raise Refusal(str(e)) from None
    await ctx.uow.teams.save(replace(team, norms=norms))
    return Outcome(reply=text(f"Removed norm {cmd.number}: ", gone))


async def reset(cmd: i.NormsReset, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    await ctx.uow.teams.save(replace(team, norms=None))
    b = MessageBuilder().para("The team's norms are the defaults again:")
    b.bullets(ctx.library.default_norms, numbered=True)
    b.para("See them any time with ", Code("/plc norms"), ".")
    return Outcome(reply=b.build())
