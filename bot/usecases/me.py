"""A teacher's own settings and encouragement, visible to them alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from bot.commands import intents as i
from bot.messages import Bold, Code, text
from bot.outcome import Outcome
from bot.usecases.context import Ctx


async def reminders(cmd: i.MeReminders, ctx: Ctx) -> Outcome:
    await ctx.uow.members.save(replace(ctx.member, reminders=cmd.on))
    if cmd.on:
        return Outcome(
            reply=text(
                "Reminder DMs are ", Bold("on"), ". I'll nudge you when a prompt is waiting."
            )
        )
    return Outcome(
        reply=text(
            "Reminder DMs are ",
            Bold("off"),
            ". Turn them back on with ",
            Code("/plc me reminders on"),
            ".",
        )
    )


def week_streak(days: set[date], today: date) -> int:
    """Consecutive ISO weeks with a reflection, ending this week (or last, while this one is young)."""
    weeks = {d - timedelta(days=d.weekday()) for d in days}
    week = today - timedelta(days=today.weekday())
    if week not in weeks:
        week -= timedelta(weeks=1)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


async def streak(cmd: i.MeStreak, ctx: Ctx) -> Outcome:
    """Weeks as the teacher lives them: each reflection's day in its team's zone, and today in
    the zone of the team asked from (or of the newest reflection's team, from a DM)."""
    mine = await ctx.uow.reflections.by_user(ctx.community.id, ctx.user_id)
    zones = {t.id: ZoneInfo(t.timezone) for t in await ctx.uow.teams.list(ctx.community.id)}
    days = {r.created_at.astimezone(zones.get(r.team_id, UTC)).date() for r in mine}
    newest = max(mine, key=lambda r: r.created_at, default=None)
    here = ctx.team.id if ctx.team else (newest.team_id if newest else None)
    today = ctx.now.astimezone(zones.get(here, UTC) if here is not None else UTC).date()
    weeks = week_streak(days, today)
    if not mine:
        return Outcome(
            reply=text(
                "No reflections yet. Your first one starts a streak: ", Code("/plc reflect"), "."
            )
        )
    plural = "week" if weeks == 1 else "weeks"
    if weeks:
        msg = text(
            "You have reflected ",
            Bold(f"{weeks} {plural} in a row"),
            f" ({len(mine)} reflections in all). Keep going.",
        )
    else:
        msg = text(
            f"You have written {_reflections(len(mine))}. One this week starts a new streak."
        )
    return Outcome(reply=msg)


def _reflections(n: int) -> str:
    return f"{n} reflection" + ("" if n == 1 else "s")
