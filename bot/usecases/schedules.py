"""Admins' schedules and school calendars for a team's channel."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.commands import intents as i
from bot.messages import Bold, Code, MessageBuilder, Plain, text
from bot.outcome import Outcome
from bot.scheduling.model import CalendarBreak, Schedule, ScheduleKind
from bot.scheduling.when import EXAMPLES, WhenError, next_fire_times, parse_when
from bot.usecases import stranded
from bot.usecases.context import Ctx, Refusal
from bot.usecases.team import check_zone


def _when_times(when: str, zone: str, after: datetime) -> list[datetime]:
    try:
        spec = parse_when(when)
    except WhenError as e:
        raise Refusal(Plain(str(e)), f" Examples: {EXAMPLES}.", field="when") from None
    times = next_fire_times(spec, ZoneInfo(zone), after)
    if not times:
        raise Refusal(
            'That time never comes round. Try "weekdays 08:00" or "daily 16:00".', field="when"
        )
    return times


def _local(times: list[datetime], zone: str) -> str:
    return ", ".join(t.astimezone(ZoneInfo(zone)).strftime("%a %d %b %H:%M") for t in times)


def _zone(name: str) -> str:
    try:
        return check_zone(name)
    except Refusal as refusal:
        raise Refusal(*refusal.parts, field="timezone") from None


async def add(cmd: i.ScheduleAdd, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    zone = _zone(cmd.timezone) if cmd.timezone else team.timezone
    times = _when_times(cmd.when, zone, ctx.now)
    schedule = await ctx.uow.schedules.add(
        Schedule(
            0,
            team.community_id,
            team.id,
            ScheduleKind(cmd.kind),
            parse_when(cmd.when).source,
            zone,
            ctx.user_id,
            ctx.now,
            times[0],
            after_hours=cmd.after_hours,
        )
    )
    b = MessageBuilder().para(
        f"Added schedule #{schedule.id}: ",
        Bold(schedule.kind.value),
        " · ",
        Plain(schedule.when),
        f" ({zone}).",
    )
    b.para("Next: ", _local(times, zone))
    return Outcome(reply=b.build())


async def _mine(ctx: Ctx, schedule_id: int) -> Schedule:
    team = ctx.need_team()
    schedule = await ctx.uow.schedules.get(team.community_id, schedule_id)
    if schedule is None or schedule.team_id != team.id:
        raise Refusal(
            f"This channel has no schedule #{schedule_id}. See them with `/plc schedule list`."
        )
    return schedule


async def change(cmd: i.ScheduleChange, ctx: Ctx) -> Outcome:
    schedule = await _mine(ctx, cmd.schedule_id)
    if cmd.action == "remove":
        await ctx.uow.schedules.remove(schedule.community_id, schedule.id)
        return Outcome(reply=text(f"Removed schedule #{schedule.id} ({schedule.kind.value})."))
    if cmd.action == "pause":
        if schedule.paused:
            raise Refusal(f"Schedule #{schedule.id} is already paused.")
        await ctx.uow.schedules.save(replace(schedule, paused=True))
        return Outcome(
            reply=text(
                f"Paused schedule #{schedule.id}. Resume it with ",
                Code(f"/plc schedule resume {schedule.id}"),
                ".",
            )
        )
    if not schedule.paused:
        raise Refusal(f"Schedule #{schedule.id} is not paused.")
    times = _when_times(schedule.when, schedule.timezone, ctx.now)
    await ctx.uow.schedules.save(replace(schedule, paused=False, next_fire_at=times[0]))
    return Outcome(
        reply=text(f"Resumed schedule #{schedule.id}. Next: {_local(times, schedule.timezone)}.")
    )


async def list_schedules(cmd: i.ScheduleList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    schedules = await ctx.uow.schedules.for_team(team.community_id, team.id)
    b = MessageBuilder().heading(f"Schedules of {team.name}")
    if not schedules:
        b.para("None yet. Add one with ", Code('/plc schedule add stage_nudge "mon 15:30"'), ".")
    for s in schedules:
        state = (
            "paused"
            if s.paused
            else "next " + _local(_when_times(s.when, s.timezone, ctx.now), s.timezone)
        )
        b.para(Bold(f"#{s.id} {s.kind.value}"), " · ", Plain(s.when), f" {s.timezone} · {state}")
        last = await ctx.uow.schedule_runs.recent(s.community_id, s.id, 1)
        if last:
            b.context(
                f"last run {last[0].fire_at.astimezone(ZoneInfo(s.timezone)):%a %d %b %H:%M}: {last[0].state.value}"
            )
    await stranded.describe(b, ctx)
    return Outcome(reply=b.build())


async def calendar_off(cmd: i.CalendarOff, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    brk = await ctx.uow.calendar.add(
        CalendarBreak(
            0,
            team.community_id,
            team.id if cmd.team_only else None,
            cmd.first_day,
            cmd.last_day,
            cmd.label,
            ctx.user_id,
        )
    )
    who = f"for {team.name}" if cmd.team_only else "for every team in this community"
    return Outcome(
        reply=text(
            f"Added break #{brk.id} ",
            Bold(brk.label),
            f": {brk.first_day:%a %d %b %Y} to {brk.last_day:%a %d %b %Y}, {who}. Nothing is posted on those days.",
        )
    )


async def calendar_list(cmd: i.CalendarList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    breaks = [
        b for b in await ctx.uow.calendar.list(team.community_id) if b.team_id in (None, team.id)
    ]
    b = MessageBuilder().heading("Calendar breaks")
    if not breaks:
        b.para(
            "None. Add one with ",
            Code("/plc calendar off 2026-12-21..2027-01-01 Winter break"),
            ".",
        )
    b.bullets(
        [
            (
                Bold(f"#{x.id} "),
                Plain(x.label),
                f": {x.first_day.isoformat()} to {x.last_day.isoformat()}"
                + (" (this team)" if x.team_id else " (whole community)"),
            )
            for x in breaks
        ]
    )
    return Outcome(reply=b.build())


async def calendar_remove(cmd: i.CalendarRemove, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    brk = await ctx.uow.calendar.get(team.community_id, cmd.break_id)
    if brk is None or brk.team_id not in (None, team.id):
        raise Refusal(
            f"There is no break #{cmd.break_id} here. See them with `/plc calendar list`."
        )
    await ctx.uow.calendar.remove(team.community_id, brk.id)
    return Outcome(reply=text("Removed break #", str(brk.id), " ", Plain(brk.label), "."))
