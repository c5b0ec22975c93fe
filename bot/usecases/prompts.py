"""Choosing and sending reflection prompts.

Rotation: a team sees every prompt of a stage (the equity-lens prompt included) before any
of them comes round again; within a round, the library's order."""

from __future__ import annotations

from collections import Counter

from bot import cards
from bot.commands import intents as i
from bot.domain import PostedKind, PromptDelivery, Team
from bot.library import PromptLibrary, ReflectionPrompt
from bot.messages import Bold, Plain, text
from bot.outcome import Outcome, Post, Record, ToChannel
from bot.ports import UnitOfWork
from bot.usecases.context import Ctx, Refusal


async def next_prompt(ctx: Ctx, team: Team, *, closing: bool = False) -> ReflectionPrompt:
    return await rotate_prompt(ctx.uow, ctx.libraries.get(team.language), team, closing=closing)


async def rotate_prompt(
    uow: UnitOfWork, library: PromptLibrary, team: Team, *, closing: bool = False
) -> ReflectionPrompt:
    pool = library.closing_prompts if closing else library.prompts_for(team.stage)
    sent = await uow.deliveries.list(team.community_id, team.id)
    counts = Counter(d.prompt_id for d in sent)
    return min(pool, key=lambda p: (counts[p.id], pool.index(p)))


async def send(cmd: i.PromptSend, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.prompt_id:
        prompt = ctx.library.prompt(cmd.prompt_id)
        if prompt is None:
            ids = ", ".join(p.id for p in ctx.library.prompts_for(team.stage))
            raise Refusal(
                "There is no prompt “", Plain(cmd.prompt_id), f"”. Prompts for this stage: {ids}."
            )
    else:
        prompt = await next_prompt(ctx, team)
    return await deliver_prompt(ctx, team, prompt)


async def deliver_prompt(ctx: Ctx, team: Team, prompt: ReflectionPrompt) -> Outcome:
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    delivery = await ctx.uow.deliveries.add(
        PromptDelivery(
            0,
            team.community_id,
            team.id,
            prompt.id,
            prompt.stage or team.stage,
            ctx.now,
            session.id if session else None,
            "closing" if prompt.stage is None else "reflection",
        )
    )
    return Outcome(
        reply=text("Sent prompt ", Bold(prompt.id), " to the team."),
        posts=[
            Post(
                ToChannel(team.channel_id),
                cards.prompt_message(prompt, delivery),
                Record(PostedKind.PROMPT, delivery.id),
            )
        ],
    )
