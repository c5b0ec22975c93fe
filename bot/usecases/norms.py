"""A team's working norms: the library's defaults until the team edits its own."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.messages import Bold, Code, MessageBuilder, text
from bot.outcome import Outcome
from bot.text import NORM_MAX
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
    norms = _norms(ctx)
    if len(cmd.text) > NORM_MAX:
        raise Refusal(f"A norm can be up to {NORM_MAX} characters; this one has {len(cmd.text)}.")
    if any(n.casefold() == cmd.text.casefold() for n in norms):
        raise Refusal("That norm is already on the list.")
    if len(norms) >= ctx.settings.max_norms:
        raise Refusal(f"A team can keep up to {ctx.settings.max_norms} norms. Remove one first.")
    await ctx.uow.teams.save(replace(team, norms=(*norms, cmd.text)))
    return Outcome(reply=text(f"Added norm {len(norms) + 1}: ", Bold(cmd.text)))


async def remove(cmd: i.NormsRemove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    norms = list(_norms(ctx))
    if cmd.number > len(norms):
        raise Refusal(
            f"There is no norm {cmd.number}; the team has {len(norms)}. See them with `/plc norms`."
        )
    if len(norms) == 1:
        raise Refusal("A team keeps at least one norm. Add another before removing this one.")
    gone = norms.pop(cmd.number - 1)
    await ctx.uow.teams.save(replace(team, norms=tuple(norms)))
    return Outcome(reply=text(f"Removed norm {cmd.number}: ", gone))


async def reset(cmd: i.NormsReset, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    await ctx.uow.teams.save(replace(team, norms=None))
    b = MessageBuilder().para("The team's norms are the defaults again:")
    b.bullets(ctx.library.default_norms, numbered=True)
    b.para("See them any time with ", Code("/plc norms"), ".")
    return Outcome(reply=b.build())
