"""Prompts a team can see and add: the numbered list of a stage's prompts, the team's own
prompts added by a facilitator (held to bot.rules.prompts) and retired when done with."""

from __future__ import annotations

from bot.commands import intents as i
from bot.domain import CycleStage, Team
from bot.i18n import _, fill, ngettext
from bot.library import ReflectionPrompt
from bot.messages import Bold, Code, MessageBuilder, Plain, text
from bot.outcome import Outcome
from bot.prompt_lookup import stage_prompts
from bot.rules.prompts import PromptRule, TeamPrompt, prompt_text, team_prompt_number
from bot.usecases.context import Ctx, Refusal


async def prompts_of(ctx: Ctx, team: Team, stage: CycleStage) -> tuple[ReflectionPrompt, ...]:
    return await stage_prompts(ctx.uow, ctx.library, team.community_id, team.id, stage)


async def by_number(ctx: Ctx, team: Team, number: int) -> ReflectionPrompt:
    """Prompt `number` of `/plc prompt list` for the team's stage."""
    listed = await prompts_of(ctx, team, team.stage)
    if not 1 <= number <= len(listed):
        raise Refusal(
            ngettext(
                "There is no prompt {number}; the {stage} stage has {n}. "
                "See them with `/plc prompt list`.",
                "There is no prompt {number}; the {stage} stage has {n}. "
                "See them with `/plc prompt list`.",
                len(listed),
            ).format(number=number, stage=team.stage.value, n=len(listed))
        )
    return listed[number - 1]


async def show(cmd: i.PromptList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    stage = cmd.stage or team.stage
    listed = await prompts_of(ctx, team, stage)
    b = MessageBuilder().heading(
        _("Reflection prompts: {stage}").format(stage=ctx.own_library.stage(stage).name)
    )
    own = _(" (the team's own)")
    b.bullets(
        [(Code(p.id), " ", Plain(p.text), own if _own(p) else "") for p in listed],
        numbered=True,
    )
    if stage is team.stage:
        b.context(_("Send one now with /plc prompt send <number>."))
    else:
        b.context(
            _(
                "The team is in the {stage} stage, so numbers count in its list; "
                "send one of these with /plc prompt send <id>."
            ).format(stage=team.stage.value)
        )
    return Outcome(reply=b.build())


def _own(prompt: ReflectionPrompt) -> bool:
    return team_prompt_number(prompt.id) is not None


async def add(cmd: i.PromptAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    listed = await prompts_of(ctx, team, cmd.stage)
    try:
        body = prompt_text(cmd.text, tuple(p.text for p in listed))
    except PromptRule as e:
        raise Refusal(str(e), field="text") from None
    saved = await ctx.uow.team_prompts.add(
        TeamPrompt(team.community_id, team.id, cmd.stage, body, ctx.now)
    )
    return Outcome(
        reply=text(
            *fill(
                _("Added prompt {number} of the {stage} stage ({id}): {text}"),
                number=str(len(listed) + 1),
                stage=cmd.stage.value,
                id=Code(saved.prompt_id),
                text=Bold(body),
            )
        )
    )


async def retire(cmd: i.PromptRetire, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    number = team_prompt_number(cmd.prompt_id)
    held = await ctx.uow.team_prompts.get(team.community_id, number) if number else None
    if held is None or held.team_id != team.id or held.retired_at is not None:
        raise Refusal(
            *fill(
                _(
                    "This team has no prompt “{id}” in use. See the team's own prompts with "
                    "`/plc prompt list <stage>`."
                ),
                id=Plain(cmd.prompt_id),
            )
        )
    await ctx.uow.team_prompts.retire(team.community_id, held.id, ctx.now)
    return Outcome(
        reply=text(
            *fill(
                _("Retired {id} (“{text}”). Answers to it are kept."),
                id=Code(held.prompt_id),
                text=Plain(held.text),
            )
        )
    )
