"""A protocol run's step card: Next step, Add 2 min, Skip (a facilitator), and notes (anyone
in the team: the Add note form, `/plc protocol note`, or a reply in the step's thread).
Each click is one unit of work; a second click on a step already over changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.commands import protocol_intents as p
from bot.commands.protocol_values import STEP
from bot.domain import PostedKind, Team
from bot.i18n import N_, _, fill, ngettext
from bot.messages import Mention, MessageBuilder, Plain, text
from bot.outcome import Outcome, Post, ToChannel
from bot.protocol_cards import TEAM_NOTES, clock_text, note_form
from bot.protocols import (
    EXTEND_MINUTES,
    MOST_MINUTES,
    NOTE_MAX,
    ProtocolNote,
    ProtocolRun,
    RunStatus,
    RunStep,
    StepEnd,
)
from bot.usecases.context import Ctx, Refusal
from bot.usecases.protocol_runs import NOT_RUNNING, begin_step, card_updates, finish

OVER = N_("That step is already over; the team has moved on. Use the latest step card.")
ENDED = N_("That protocol has ended, so it takes no more notes.")


async def _step_of(ctx: Ctx, step_id: int) -> tuple[Team, ProtocolRun, RunStep]:
    """The step a button names, if it is a step of this team's run (a crafted id never
    reaches another team's run)."""
    runs = ctx.uow.protocol_runs
    step = await runs.step(ctx.community.id, step_id)
    run = await runs.get(ctx.community.id, step.run_id) if step else None
    team = ctx.team
    if step is None or run is None or team is None or run.team_id != team.id:
        raise Refusal(_(STEP))
    return team, run, step


async def next_step(cmd: p.StepNext, ctx: Ctx) -> Outcome:
    return await _end(ctx, cmd.step_id, StepEnd.NEXT)


async def skip(cmd: p.StepSkip, ctx: Ctx) -> Outcome:
    return await _end(ctx, cmd.step_id, StepEnd.SKIPPED)


async def _end(ctx: Ctx, step_id: int, how: StepEnd) -> Outcome:
    team, run, step = await _step_of(ctx, step_id)
    if step.ended is not None or run.status is not RunStatus.RUNNING:
        return Outcome(reply=text(_(OVER)))
    ended = replace(step, ended_at=ctx.now, ended=how)
    await ctx.uow.protocol_runs.save_step(ended)
    updates = await card_updates(ctx, team, run, ended)
    protocol = ctx.library.protocols.get(run.protocol_id)
    if protocol is None or step.position >= len(protocol.steps):
        outcome = await finish(ctx, team, run, RunStatus.DONE)
        last = _("That was the last step: {name} is complete.")
        outcome.reply = text(*fill(last, name=Plain(run.name)))
    else:
        post = await begin_step(ctx, team, run, protocol, step.position + 1)
        outcome = Outcome(posts=[post])
        done = (
            _("Skipped step {number}; on to step {next}.")
            if how is StepEnd.SKIPPED
            else _("Finished step {number}; on to step {next}.")
        )
        outcome.reply = text(done.format(number=step.position, next=step.position + 1))
    outcome.updates = updates + outcome.updates
    return outcome


async def extend(cmd: p.StepExtend, ctx: Ctx) -> Outcome:
    team, run, step = await _step_of(ctx, cmd.step_id)
    if step.ended is not None or run.status is not RunStatus.RUNNING:
        return Outcome(reply=text(_(OVER)))
    if step.minutes + EXTEND_MINUTES > MOST_MINUTES:
        raise Refusal(
            ngettext(
                "A step runs at most {n} minute; move on with Next step.",
                "A step runs at most {n} minutes; move on with Next step.",
                MOST_MINUTES,
            ).format(n=MOST_MINUTES)
        )
    longer = replace(
        step,
        minutes=step.minutes + EXTEND_MINUTES,
        ends_at=max(step.ends_at, ctx.now) + timedelta(minutes=EXTEND_MINUTES),
        nudged_at=None,  # time's up again at the new end
    )
    await ctx.uow.protocol_runs.save_step(longer)
    reply = text(
        ngettext(
            "Added {n} minute: this step now runs until {time}.",
            "Added {n} minutes: this step now runs until {time}.",
            EXTEND_MINUTES,
        ).format(n=EXTEND_MINUTES, time=clock_text(longer.ends_at, team))
    )
    return Outcome(reply=reply, updates=await card_updates(ctx, team, run, longer))


async def open_note_form(cmd: p.NoteForm, ctx: Ctx) -> Outcome:
    _team, run, step = await _step_of(ctx, cmd.step_id)
    if run.status is not RunStatus.RUNNING:
        raise Refusal(_(ENDED))
    reply = text(_("Add a note with `/plc protocol note <text>`. "), _(TEAM_NOTES))
    return Outcome(reply=reply, form=note_form(step))


async def submit_note(cmd: p.NoteSubmit, ctx: Ctx) -> Outcome:
    team, run, step = await _step_of(ctx, cmd.step_id)
    return await _note(ctx, team, run, step, cmd.text, echo=True)


async def note_now(cmd: p.ProtocolNote, ctx: Ctx) -> Outcome:
    """`/plc protocol note`: for the step the team is on."""
    team = ctx.need_team()
    run = await ctx.uow.protocol_runs.running(team.community_id, team.id)
    steps = await ctx.uow.protocol_runs.steps_of(team.community_id, run.id) if run else ()
    if run is None or not steps:
        raise Refusal(_(NOT_RUNNING))
    return await _note(ctx, team, run, steps[-1], cmd.text, echo=True)


async def note_in_thread(ctx: Ctx, step_id: int, body: str) -> Outcome:
    """A reply in a step card's thread: already there for the team to read, so not echoed."""
    try:
        team, run, step = await _step_of(ctx, step_id)
    except Refusal:
        return Outcome()  # another team's card cannot be in this channel: nothing to do
    if not body.strip():
        return Outcome()
    if len(body) > NOTE_MAX:
        raise Refusal(
            ngettext(
                "That note is {n} characters; keep a note to {most}.",
                "That note is {n} characters; keep a note to {most}.",
                len(body),
            ).format(n=f"{len(body):,}", most=f"{NOTE_MAX:,}")
        )
    return await _note(ctx, team, run, step, body, echo=False)


async def _note(
    ctx: Ctx, team: Team, run: ProtocolRun, step: RunStep, body: str, *, echo: bool
) -> Outcome:
    if run.status is not RunStatus.RUNNING:
        raise Refusal(_(ENDED))
    await ctx.join_team(team)
    await ctx.uow.protocol_runs.add_note(
        ProtocolNote(0, run.community_id, run.id, step.id, ctx.user_id, body, ctx.now)
    )
    reply = text(
        _("Noted for step {number}, {name}. The whole team sees it in the minutes.").format(
            number=step.position, name=step.name
        )
    )
    outcome = Outcome(reply=reply)
    if echo:  # into the step's thread, where the team reads the notes
        posted = await ctx.uow.posted.find(run.community_id, PostedKind.PROTOCOL_STEP, step.id)
        with ctx.to_team():
            said = _("Note from {who}: {note}")
        shown = MessageBuilder().para(*fill(said, who=Mention(ctx.user_id), note=Plain(body)))
        outcome.posts.append(
            Post(
                ToChannel(team.channel_id),
                shown.build(),
                thread=posted[0].ref if posted else None,
            )
        )
    return outcome
