"""The five-stage learning-team cycle: where the team is, and moving it on."""

from __future__ import annotations

from dataclasses import replace

from bot import cards
from bot.cards import duration_text
from bot.commands import intents as i
from bot.commands.grammar import spec_for
from bot.domain import CycleStage, StageChange, Team
from bot.messages import Bold, MessageBuilder, Plain
from bot.outcome import Outcome, Post, ToChannel
from bot.usecases.context import Ctx, Refusal
from bot.usecases.help import usage_message
from bot.work_cards import record_body, stage_review
from bot.work_record import CycleRecord


async def show(cmd: i.ShowCycle, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    library = ctx.library
    b = MessageBuilder().heading(f"{team.name}: cycle {team.cycle}")
    b.bullets([cards.stage_line(s, team.stage, library) for s in CycleStage])
    b.para(Bold(library.stage(team.stage).name), ": ", library.stage(team.stage).purpose)
    b.context(f"In this stage for {duration_text(ctx.now - team.stage_started_at)}.")
    record = CycleRecord.of(
        await ctx.uow.cycle_records.of_cycle(team.community_id, team.id, team.cycle)
    )
    record_body(b, record, team)
    missing = record.missing(team.stage)
    if missing:
        b.context("Still missing in this stage: " + "; ".join(missing) + ".")
    return Outcome(reply=b.build())


async def move(
    ctx: Ctx, team: Team, stage: CycleStage, *, new_cycle: bool, review: bool = True
) -> Outcome:
    """Move the team; `review`: post first what the stage it leaves produced and is missing."""
    entries = await ctx.uow.cycle_records.of_cycle(team.community_id, team.id, team.cycle)
    record = CycleRecord.of(entries)
    cycle = team.cycle + 1 if new_cycle else team.cycle
    moved = replace(team, stage=stage, cycle=cycle, stage_started_at=ctx.now)
    await ctx.uow.teams.save(moved)
    await ctx.uow.stage_changes.add(
        team.community_id, StageChange(team.id, cycle, stage, ctx.now, ctx.user_id)
    )
    name = ctx.library.stage(stage).name
    return Outcome(
        reply=MessageBuilder()
        .para("Moved ", Bold(team.name), f" to stage {stage.number}: ", Bold(name), ".")
        .build(),
        posts=[
            *(
                [
                    Post(
                        ToChannel(team.channel_id),
                        stage_review(team, team.stage, record, ctx.library),
                    )
                ]
                if review
                else []
            ),
            Post(
                ToChannel(team.channel_id),
                cards.stage_intro(moved, ctx.library, new_cycle=new_cycle),
            ),
        ],
    )


async def next_stage(cmd: i.StageNext, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    stage, new_cycle = team.stage.following()
    return await move(ctx, team, stage, new_cycle=new_cycle)


async def set_stage_by_title(cmd: i.StageSetByTitle, ctx: Ctx) -> Outcome:
    ctx.need_team()
    wanted = " ".join(cmd.title.casefold().split())
    for stage in CycleStage:
        if ctx.library.stage(stage).name.casefold() == wanted:
            return await set_stage(i.StageSet(stage), ctx)
    stages = "; ".join(f"{s.number} `{s.value}` ({ctx.library.stage(s).name})" for s in CycleStage)
    said = ("“", Plain(cmd.title), f"” is not a stage. Give its number, id or title: {stages}.")
    spec = spec_for(cmd)
    assert spec is not None
    return Outcome(reply=usage_message(spec, said), ok=False)


async def set_stage(cmd: i.StageSet, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.stage is team.stage:
        raise Refusal(
            f"The team is already in stage {cmd.stage.number}: {ctx.library.stage(cmd.stage).name}."
        )
    return await move(ctx, team, cmd.stage, new_cycle=False)
