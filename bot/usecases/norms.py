"""A team's working norms: the library's defaults until the team edits its own."""

from __future__ import annotations

from dataclasses import replace

from bot.commands import intents as i
from bot.domain import Team
from bot.messages import Bold, Code, Mention, Message, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel
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
    return _told(
        ctx,
        team,
        text(f"Added norm {len(norms) + 1}: ", Bold(cmd.text)),
        f"added norm {len(norms) + 1}",
    )


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
    return _told(
        ctx, team, text(f"Removed norm {cmd.number}: ", Plain(gone)), f"removed norm {cmd.number}"
    )


async def reset(cmd: i.NormsReset, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    await ctx.uow.teams.save(replace(team, norms=None))
    b = MessageBuilder().para("The team's norms are the defaults again:")
    b.bullets(ctx.library.default_norms, numbered=True)
    b.para("See them any time with ", Code("/plc norms"), ".")
    return _told(ctx, team, b.build(), "set the norms back to the defaults")


async def edit(cmd: i.NormsEdit, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    norms = list(_norms(ctx))
    _exists(cmd.number, norms)
    if len(cmd.text) > NORM_MAX:
        raise Refusal(f"A norm can be up to {NORM_MAX} characters; this one has {len(cmd.text)}.")
    if any(n.casefold() == cmd.text.casefold() for k, n in enumerate(norms) if k != cmd.number - 1):
        raise Refusal("That norm is already on the list.")
    norms[cmd.number - 1] = cmd.text
    await ctx.uow.teams.save(replace(team, norms=tuple(norms)))
    reply = text(f"Norm {cmd.number} now reads: ", Bold(cmd.text))
    return _told(ctx, team, reply, f"reworded norm {cmd.number}")


async def move(cmd: i.NormsMove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    norms = list(_norms(ctx))
    _exists(cmd.number, norms)
    _exists(cmd.to, norms)
    if cmd.number == cmd.to:
        raise Refusal(f"Norm {cmd.number} is already in place {cmd.to}.")
    norms.insert(cmd.to - 1, norms.pop(cmd.number - 1))
    await ctx.uow.teams.save(replace(team, norms=tuple(norms)))
    b = MessageBuilder().para(f"Moved norm {cmd.number} to place {cmd.to}:")
    b.bullets(norms, numbered=True)
    return _told(ctx, team, b.build(), f"moved norm {cmd.number} to place {cmd.to}")


def _exists(number: int, norms: list[str]) -> None:
    if number > len(norms):
        raise Refusal(
            f"There is no norm {number}; the team has {len(norms)}. See them with `/plc norms`."
        )


def _told(ctx: Ctx, team: Team, reply: Message, what: str) -> Outcome:
    """The change, answered to who made it and told to the team in a short channel post."""
    post = text(
        Mention(ctx.user_id),
        f" changed {team.name}'s working norms: {what}. See them with ",
        Code("/plc norms"),
        ".",
    )
    return Outcome(reply=reply, posts=[Post(ToChannel(team.channel_id), post)])
