"""Running a protocol: a facilitator starts one from the library in the team's channel; each
step is posted in turn with its suggested minutes (bot.usecases.protocol_steps moves it on).

A protocol may be started with or without an open session: teams also run one in chat between
meetings. When a session is open the run belongs to it, and its notes go into that session's
minutes (`protocol_runs.notes_for_session`); the facilitator is told when none is open."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.commands import protocol_intents as p
from bot.domain import PostedKind, Team
from bot.i18n import N_, _, fill
from bot.messages import Plain, text
from bot.outcome import Outcome, Post, Record, ToChannel, Update
from bot.protocol_cards import ended_card, library_card, run_notes, started_reply, step_card
from bot.protocols import ProtocolInfo, ProtocolRun, RunStatus, RunStep, StepEnd
from bot.usecases.context import Ctx, Refusal

NOT_RUNNING = N_(
    "The team is not running a protocol. Start one with `/plc protocol start <id>`; "
    "`/plc protocol list` shows them."
)


async def show(cmd: p.ProtocolList, ctx: Ctx) -> Outcome:
    return Outcome(reply=library_card(ctx.own_library, ctx.need_team()))


async def start(cmd: p.ProtocolStart, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    protocol = ctx.library.find_protocol(cmd.name)
    if protocol is None:
        raise Refusal(
            *fill(
                _(
                    "There is no protocol “{name}”. `/plc protocol list` shows the ones the team "
                    "can run, with their ids."
                ),
                name=Plain(cmd.name),
            )
        )
    running = await ctx.uow.protocol_runs.running(team.community_id, team.id)
    if running is not None:
        raise Refusal(
            *fill(
                _(
                    "The team is already running {name}. Finish it, or stop it with "
                    "`/plc protocol stop`, before starting another."
                ),
                name=Plain(running.name),
            )
        )
    session = await ctx.uow.sessions.open_for(team.community_id, team.id)
    run = await ctx.uow.protocol_runs.add(
        ProtocolRun(
            0,
            team.community_id,
            team.id,
            protocol.id,
            protocol.name,
            ctx.user_id,
            ctx.now,
            session_id=session.id if session else None,
        )
    )
    post = await begin_step(ctx, team, run, protocol, 1)
    return Outcome(reply=started_reply(protocol, session is not None), posts=[post])


async def begin_step(
    ctx: Ctx, team: Team, run: ProtocolRun, protocol: ProtocolInfo, position: int
) -> Post:
    """Store the step the team reaches now, with its timer, and the post of its card."""
    planned = protocol.steps[position - 1]
    step = await ctx.uow.protocol_runs.add_step(
        RunStep(
            0,
            run.community_id,
            run.id,
            position,
            planned.name,
            planned.prompt,
            planned.minutes,
            ctx.now,
            ctx.now + timedelta(minutes=planned.minutes),
        )
    )
    with ctx.to_team():
        card = step_card(run, step, len(protocol.steps), team)
    return Post(ToChannel(team.channel_id), card, Record(PostedKind.PROTOCOL_STEP, step.id))


async def card_updates(ctx: Ctx, team: Team, run: ProtocolRun, step: RunStep) -> list[Update]:
    """The step's card re-drawn where it was posted: ended, or with its new timer."""
    of = total_steps(ctx, run, step)
    notes = (
        []
        if step.ended is None
        else [n for n in await ctx.uow.protocol_runs.notes_of(run.community_id, run.id)]
    )
    with ctx.to_team():
        if step.ended is None:
            card = step_card(run, step, of, team)
        else:
            card = ended_card(run, step, of, sum(n.step_id == step.id for n in notes), team)
    posted = await ctx.uow.posted.find(run.community_id, PostedKind.PROTOCOL_STEP, step.id)
    return [Update(m.ref, card) for m in posted]


def total_steps(ctx: Ctx, run: ProtocolRun, step: RunStep) -> int:
    protocol = ctx.library.protocols.get(run.protocol_id)
    return len(protocol.steps) if protocol else step.position


async def finish(ctx: Ctx, team: Team, run: ProtocolRun, status: RunStatus) -> Outcome:
    """End the run: its notes, step by step, posted to the channel."""
    ended = replace(run, status=status, ended_at=ctx.now)
    await ctx.uow.protocol_runs.save(ended)
    steps = await ctx.uow.protocol_runs.steps_of(run.community_id, run.id)
    notes = await ctx.uow.protocol_runs.notes_of(run.community_id, run.id)
    with ctx.to_team():
        card = run_notes(ended, steps, notes, stopped=status is RunStatus.STOPPED)
    return Outcome(posts=[Post(ToChannel(team.channel_id), card)])


async def stop(cmd: p.ProtocolStop, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    run = await ctx.uow.protocol_runs.running(team.community_id, team.id)
    if run is None:
        raise Refusal(_(NOT_RUNNING))
    updates: list[Update] = []
    for step in await ctx.uow.protocol_runs.steps_of(run.community_id, run.id):
        if step.ended is None:
            stopped = replace(step, ended_at=ctx.now, ended=StepEnd.STOPPED)
            await ctx.uow.protocol_runs.save_step(stopped)
            updates += await card_updates(ctx, team, run, stopped)
    outcome = await finish(ctx, team, run, RunStatus.STOPPED)
    outcome.reply = text(*fill(_("Stopped {name}. Its notes are kept."), name=Plain(run.name)))
    outcome.updates = updates
    return outcome
