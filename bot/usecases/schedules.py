"""A team's schedules: added, listed, paused, resumed, removed and tried out by its admins and
facilitators (a facilitator only in their own team's channel: the schedule must be this
channel's)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TypeVar

from bot.commands import intents as i
from bot.i18n import _, fill
from bot.messages import Code, MessageBuilder, Plain
from bot.outcome import Outcome
from bot.scheduling.model import DEFAULT_REMINDER_HOURS, CalendarBreak, Schedule, ScheduleKind
from bot.scheduling.new_rules import early_time_question, posting_times, too_often_parts
from bot.usecases import stranded
from bot.usecases.context import Ctx, Refusal
from bot.usecases.schedule_test import try_out
from bot.usecases.schedule_words import (
    local,
    next_posts,
    read_when,
    skipped_line,
    summary,
    team_zone,
    times_line,
)
from bot.usecases.team_zone import check_zone

T = TypeVar("T")


def _in_field(field: str, read: Callable[[], T]) -> T:
    """`read()`, its refusal tagged with the form field it belongs to (the web panel's form)."""
    try:
        return read()
    except Refusal as refusal:
        raise Refusal(*refusal.parts, field=field) from None


async def add(cmd: i.ScheduleAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    zone = team.timezone
    if cmd.timezone:
        zone = _in_field("timezone", partial(check_zone, cmd.timezone))
    spec = _in_field("when", lambda: read_when(cmd.when))
    kind = ScheduleKind(cmd.kind)
    if question := early_time_question(spec):
        raise Refusal(Plain(question), field="when")
    if problem := too_often_parts(kind, spec):
        raise Refusal(*problem, field="when")
    schedule = Schedule(
        0, team.community_id, team.id, kind, spec.source, zone, ctx.user_id, ctx.now, None,
        after_hours=cmd.after_hours,
    )  # fmt: skip
    await _refuse_duplicate(ctx, schedule)
    breaks = await ctx.uow.calendar.list(team.community_id)
    found = _in_field("when", lambda: next_posts(schedule, ctx.now, breaks))
    first = found.posts[0] if found.posts else None
    schedule = await ctx.uow.schedules.add(replace(schedule, next_fire_at=first))
    b = MessageBuilder().para(*fill(_("Added schedule {schedule}."), schedule=summary(schedule)))
    b.para(_("Next: {times}").format(times=times_line(found, zone, ctx.now)))
    if skipped := skipped_line(found, zone, ctx.now):
        b.para(skipped)
    return Outcome(reply=team_zone(b, team).build())


def _same(a: Schedule, b: Schedule) -> bool:
    """The same posts: same kind and zone (the team is the caller's), at the same times."""
    hours = (a.after_hours or DEFAULT_REMINDER_HOURS, b.after_hours or DEFAULT_REMINDER_HOURS)
    if (a.kind, a.timezone, hours[0]) != (b.kind, b.timezone, hours[1]):
        return False
    return posting_times(read_when(a.when)) == posting_times(read_when(b.when))


async def _refuse_duplicate(ctx: Ctx, schedule: Schedule) -> None:
    for s in await ctx.uow.schedules.for_team(schedule.community_id, schedule.team_id):
        if _same(s, schedule):
            said = (
                _(
                    "Schedule #{id} already posts this: {schedule} (paused: resume it with "
                    "{command}). Nothing was added."
                )
                if s.paused
                else _("Schedule #{id} already posts this: {schedule}. Nothing was added.")
            )
            raise Refusal(
                *fill(
                    said,
                    id=str(s.id),
                    schedule=summary(s),
                    command=Code(f"/plc schedule resume {s.id}"),
                )
            )


async def _mine(ctx: Ctx, schedule_id: int) -> Schedule:
    team = ctx.need_team()
    schedule = await ctx.uow.schedules.get(team.community_id, schedule_id)
    if schedule is None or schedule.team_id != team.id:
        raise Refusal(
            _("This channel has no schedule #{id}. See them with `/plc schedule list`.").format(
                id=schedule_id
            )
        )
    return schedule


async def change(cmd: i.ScheduleChange, ctx: Ctx) -> Outcome:
    schedule = await _mine(ctx, cmd.schedule_id)
    team = ctx.need_team()
    b = MessageBuilder()
    if cmd.action == "test":
        return await try_out(schedule, team, ctx)
    if cmd.action == "remove":
        await ctx.uow.schedules.remove(schedule.community_id, schedule.id)
        b.para(*fill(_("Removed schedule {schedule}."), schedule=summary(schedule)))
    elif cmd.action == "pause":
        if schedule.paused:
            raise Refusal(_("Schedule #{id} is already paused.").format(id=schedule.id))
        await ctx.uow.schedules.save(replace(schedule, paused=True))
        b.para(
            *fill(
                _("Paused schedule #{id}. Resume it with {command}."),
                id=str(schedule.id),
                command=Code(f"/plc schedule resume {schedule.id}"),
            )
        )
    else:
        await _resume(ctx, schedule, b)
    return Outcome(reply=team_zone(b, team).build())


async def _resume(ctx: Ctx, schedule: Schedule, b: MessageBuilder) -> None:
    if not schedule.paused:
        raise Refusal(_("Schedule #{id} is not paused.").format(id=schedule.id))
    breaks = await ctx.uow.calendar.list(schedule.community_id)
    found = next_posts(schedule, ctx.now, breaks)
    first = found.posts[0] if found.posts else None
    await ctx.uow.schedules.save(replace(schedule, paused=False, next_fire_at=first))
    b.para(
        _("Resumed schedule #{id}. Next: {times}.").format(
            id=schedule.id, times=times_line(found, schedule.timezone, ctx.now)
        )
    )
    if skipped := skipped_line(found, schedule.timezone, ctx.now):
        b.para(skipped)


async def list_schedules(cmd: i.ScheduleList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    schedules = await ctx.uow.schedules.for_team(team.community_id, team.id)
    breaks = await ctx.uow.calendar.list(team.community_id)
    b = MessageBuilder().heading(_("Schedules of {team}").format(team=team.name))
    if not schedules:
        b.para(
            *fill(
                _("None yet. Add one with {command}."),
                command=Code('/plc schedule add stage_nudge "mon 15:30"'),
            )
        )
    for s in schedules:
        await _one(ctx, b, s, breaks)
    await stranded.describe(b, ctx)
    return Outcome(reply=team_zone(b, team).build())


async def _one(ctx: Ctx, b: MessageBuilder, s: Schedule, breaks: Sequence[CalendarBreak]) -> None:
    found = None if s.paused else next_posts(s, ctx.now, breaks)
    state = (
        _("paused")
        if found is None
        else _("next {times}").format(times=times_line(found, s.timezone, ctx.now))
    )
    b.para(*summary(s), f" · {state}")
    if found is not None and (skipped := skipped_line(found, s.timezone, ctx.now)):
        b.context(skipped)
    last = await ctx.uow.schedule_runs.recent(s.community_id, s.id, 1)
    if last:
        b.context(
            _("last run {time}: {state}").format(
                time=local(last[0].fire_at, s.timezone, ctx.now), state=last[0].state.value
            )
        )
