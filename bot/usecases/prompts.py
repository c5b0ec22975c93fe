"""Choosing and sending reflection prompts.

Rotation: a team sees every prompt of a stage (the equity-lens prompt included) before any
of them comes round again; within a round, the library's order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot import cards
from bot.commands import intents as i
from bot.domain import PostedKind, PromptDelivery, Team
from bot.i18n import _, fill
from bot.library import PromptLibrary, ReflectionPrompt
from bot.messages import Plain, text
from bot.outcome import Outcome, Post, Record, ToChannel
from bot.ports import UnitOfWork
from bot.prompt_lookup import find_prompt, stage_prompts
from bot.rules.prompts import team_prompt_number
from bot.usecases.context import Ctx, Refusal
from bot.usecases.team_prompts import by_number


async def next_prompt(ctx: Ctx, team: Team, *, closing: bool = False) -> ReflectionPrompt:
    return await rotate_prompt(ctx.uow, ctx.libraries.get(team.language), team, closing=closing)


async def rotate_prompt(
    uow: UnitOfWork, library: PromptLibrary, team: Team, *, closing: bool = False
) -> ReflectionPrompt:
    pool = (
        library.closing_prompts
        if closing
        else await stage_prompts(uow, library, team.community_id, team.id, team.stage)
    )
    sent = await uow.deliveries.list(team.community_id, team.id)
    counts = Counter(d.prompt_id for d in sent)
    return min(pool, key=lambda p: (counts[p.id], pool.index(p)))


async def send(cmd: i.PromptSend, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.number is not None:
        prompt = await by_number(ctx, team, cmd.number)
    elif cmd.prompt_id:
        found = await find_prompt(ctx.uow, ctx.library, team.community_id, cmd.prompt_id)
        if found is None or not await _usable(ctx, team, found):
            listed = await stage_prompts(
                ctx.uow, ctx.library, team.community_id, team.id, team.stage
            )
            said = _(
                "There is no prompt “{id}”. This stage's prompts, to send by id (or by number "
                "from `/plc prompt list`):"
            )
            raise Refusal(*fill(said, id=Plain(cmd.prompt_id)), *_choices(listed))
        prompt = found
    else:
        prompt = await next_prompt(ctx, team)
    return await deliver_prompt(ctx, team, prompt)


async def _usable(ctx: Ctx, team: Team, prompt: ReflectionPrompt) -> bool:
    """A team prompt is sent only by its own team, and only while it is in use."""
    if team_prompt_number(prompt.id) is None or prompt.stage is None:
        return True
    return prompt in await stage_prompts(
        ctx.uow, ctx.library, team.community_id, team.id, prompt.stage
    )


def _choices(prompts: Iterable[ReflectionPrompt]) -> list[str | Plain]:
    """Each prompt as a line a facilitator recognises by its words, with the id to send it."""
    parts: list[str | Plain] = []
    for prompt in prompts:
        parts += [f"\n• `/plc prompt send {prompt.id}` — ", Plain(prompt.text)]
    return parts


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
    with ctx.to_team():
        card = cards.prompt_message(prompt, delivery)
    return Outcome(
        reply=text(*fill(_("Sent this prompt to the team: “{prompt}”"), prompt=Plain(prompt.text))),
        posts=[Post(ToChannel(team.channel_id), card, Record(PostedKind.PROMPT, delivery.id))],
    )
