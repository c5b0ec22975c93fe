"""Runs left 'claimed': a worker claimed them and stopped before recording whether the post
reached the platform. They are never re-posted on their own (a missed nudge beats a double one),
so `/plc schedule list` tells an admin what is known, and the admin decides: re-send the run, or
dismiss it."""

from __future__ import annotations

import math
from datetime import timedelta

from bot.commands import intents as i
from bot.i18n import _, fill, ngettext
from bot.messages import Bold, Code, MessageBuilder, text
from bot.outcome import Outcome
from bot.scheduling import posts as scheduled  # a module: posts.py imports use cases too
from bot.scheduling.model import RunState, ScheduleRun
from bot.usecases.context import Ctx, Refusal

STUCK_AFTER = timedelta(minutes=10)  # a claim this old is no longer being posted


async def describe(b: MessageBuilder, ctx: Ctx) -> None:
    """The team's runs whose post outcome is unknown, with what the admin can do about them."""
    team = ctx.need_team()
    stuck = await ctx.uow.schedule_runs.stuck(team.community_id, team.id, ctx.now - STUCK_AFTER)
    if not stuck:
        return
    b.para(
        Bold(_("Not confirmed: ")),
        ngettext(
            "{n} run was claimed, post outcome unknown: the worker stopped before "
            "recording whether the post reached this channel. Check the channel.",
            "{n} runs were claimed, post outcome unknown: the worker stopped before "
            "recording whether the post reached this channel. Check the channel.",
            len(stuck),
        ).format(n=len(stuck)),
    )
    b.bullets(
        [
            _("run #{id}: schedule #{schedule}, due {due} UTC").format(
                id=r.id, schedule=r.schedule_id, due=f"{r.fire_at:%Y-%m-%d %H:%M}"
            )
            for r in stuck[:10]
        ]
    )
    b.context(
        _(
            "They are not re-posted on their own, so nobody gets a message twice. Post one again "
            "with /plc schedule resend <run>, or drop it with /plc schedule dismiss <run>."
        )
    )


async def _stranded(ctx: Ctx, run_id: int) -> ScheduleRun:
    team = ctx.need_team()
    run = await ctx.uow.schedule_runs.get(team.community_id, run_id)
    schedule = await ctx.uow.schedules.get(team.community_id, run.schedule_id) if run else None
    if run is None or schedule is None or schedule.team_id != team.id:
        raise Refusal(
            _(
                "This channel has no schedule run #{id}. "
                "See the unconfirmed ones with `/plc schedule list`."
            ).format(id=run_id)
        )
    if run.state is not RunState.CLAIMED:
        raise Refusal(
            _("Run #{id} is {state}, not unconfirmed: there is nothing to decide.").format(
                id=run.id, state=run.state.value
            )
        )
    wait = run.claimed_at + STUCK_AFTER - ctx.now
    if wait > timedelta(0):
        minutes = math.ceil(wait.total_seconds() / 60)
        raise Refusal(
            ngettext(
                "Run #{id} was claimed only just now; its worker may still be posting it. "
                "Try again in {n} minute.",
                "Run #{id} was claimed only just now; its worker may still be posting it. "
                "Try again in {n} minutes.",
                minutes,
            ).format(id=run.id, n=minutes)
        )
    return run


async def act(cmd: i.ScheduleRunAction, ctx: Ctx) -> Outcome:
    run = await _stranded(ctx, cmd.run_id)
    due = f"{run.fire_at:%Y-%m-%d %H:%M} UTC"
    if cmd.action == "dismiss":
        await ctx.uow.schedule_runs.finish(run.community_id, run.id, RunState.DISMISSED, ctx.now, 0)
        return Outcome(
            reply=text(
                _(
                    "Dismissed run #{id} (schedule #{schedule}, due {due}): "
                    "nothing was posted, and it is no longer listed."
                ).format(id=run.id, schedule=run.schedule_id, due=due)
            )
        )
    team = ctx.need_team()
    schedule = await ctx.uow.schedules.get(team.community_id, run.schedule_id)
    assert schedule is not None  # _stranded found it
    with ctx.to_team():
        posts = await scheduled.posts_for(
            ctx.uow, ctx.library, schedule, team, ctx.now, posted=True
        )
    await ctx.uow.schedule_runs.finish(
        run.community_id,
        run.id,
        RunState.RESENT if posts else RunState.DISMISSED,
        ctx.now,
        len(posts),
    )
    if not posts:
        return Outcome(
            reply=text(
                _(
                    "Run #{id} has nothing to post now (for a reminder: everyone has answered or "
                    "was reminded already), so it is dismissed."
                ).format(id=run.id)
            )
        )
    return Outcome(
        reply=text(
            *fill(
                _(
                    "Posting run #{id} (schedule #{schedule}, due {due}) again now. "
                    "Its state is now {state}."
                ),
                id=str(run.id),
                schedule=str(run.schedule_id),
                due=due,
                state=Code("resent"),
            )
        ),
        posts=posts,
    )
