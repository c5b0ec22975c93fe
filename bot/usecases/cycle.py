"""The five-stage learning-team cycle: where the team is, and moving it on."""

from __future__ import annotations

from dataclasses import replace

from bot import cards
from bot.cards import duration_text
from bot.commands import intents as i
from bot.commands.grammar import spec_for
from bot.domain import CycleStage, StageChange, Team
from bot.i18n import _, fill
from bot.messages import Bold, MessageBuilder, Plain
from bot.outcome import Outcome, Post, ToChannel
from bot.usecases.context import Ctx, Refusal
from bot.usecases.help import usage_message
from bot.work_cards import record_body, stage_review
from bot.work_record import CycleRecord


async def show(cmd: i.ShowCycle, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    library = ctx.own_library  # the reader's words for the stages
    b = MessageBuilder().heading(
        _("{team}: cycle {cycle}").format(team=team.name, cycle=team.cycle)
    )
    b.bullets([cards.stage_line(s, team.stage, library) for s in CycleStage])
    b.para(Bold(library.stage(team.stage).name), ": ", library.stage(team.stage).purpose)
    b.context(
        _("In this stage for {time}.").format(time=duration_text(ctx.now - team.stage_started_at))
    )
    record = CycleRecord.of(
        await ctx.uow.cycle_records.of_cycle(team.community_id, team.id, team.cycle)
    )
    record_body(b, record, team)
    missing = record.missing(team.stage)
    if missing:
        b.context(_("Still missing in this stage: {missing}.").format(missing="; ".join(missing)))
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
    name = ctx.own_library.stage(stage).name
    said = _("Moved {team} to stage {number}: {stage}.")
    with ctx.to_team():
        reviewed = [stage_review(team, team.stage, record, ctx.library)] if review else []
        intro = cards.stage_intro(moved, ctx.library, new_cycle=new_cycle)
    return Outcome(
        reply=MessageBuilder()
        .para(*fill(said, team=Bold(team.name), number=str(stage.number), stage=Bold(name)))
        .build(),
        posts=[
            *(Post(ToChannel(team.channel_id), card) for card in reviewed),
            Post(ToChannel(team.channel_id), intro),
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
    stages = "; ".join(
        f"{s.number} `{s.value}` ({ctx.own_library.stage(s).name})" for s in CycleStage
    )
    # the stages' ids are marked as commands (backticks), so they go into the words as text
    template = _("“{title}” is not a stage. Give its number, id or title: {stages}.")
    parts = fill(template.format(title="{title}", stages=stages), title=Plain(cmd.title))
    said = tuple(p for p in parts if isinstance(p, str | Plain))
    spec = spec_for(cmd)
    assert spec is not None
    return Outcome(reply=usage_message(spec, said), ok=False)


async def set_stage(cmd: i.StageSet, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    if cmd.stage is team.stage:
        raise Refusal(
            _("The team is already in stage {number}: {stage}.").format(
                number=cmd.stage.number, stage=ctx.own_library.stage(cmd.stage).name
            )
        )
    return await move(ctx, team, cmd.stage, new_cycle=False)
