"""A teacher's own settings and encouragement, visible to them alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from bot.commands import intents as i
from bot.i18n import _, fill, ngettext, pgettext
from bot.messages import Bold, Code, text
from bot.outcome import Outcome
from bot.usecases.context import Ctx


async def reminders(cmd: i.MeReminders, ctx: Ctx) -> Outcome:
    await ctx.uow.members.save(replace(ctx.member, reminders=cmd.on))
    if cmd.on:
        on = _("Reminder DMs are {on}. I'll nudge you when a prompt is waiting.")
        return Outcome(reply=text(*fill(on, on=Bold(pgettext("reminders", "on")))))
    off = _("Reminder DMs are {off}. Turn them back on with {command}.")
    return Outcome(
        reply=text(
            *fill(off, off=Bold(pgettext("reminders", "off")), command=Code("/plc me reminders on"))
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
        first = _("No reflections yet. Your first one starts a streak: {command}.")
        return Outcome(reply=text(*fill(first, command=Code("/plc reflect"))))
    n = len(mine)
    if weeks:
        row = ngettext("{n} week in a row", "{n} weeks in a row", weeks).format(n=weeks)
        msg = text(
            *fill(
                ngettext(
                    "You have reflected {row} ({n} reflection in all). Keep going.",
                    "You have reflected {row} ({n} reflections in all). Keep going.",
                    n,
                ),
                row=Bold(row),
                n=str(n),
            )
        )
    else:
        msg = text(
            ngettext(
                "You have written {n} reflection. One this week starts a new streak.",
                "You have written {n} reflections. One this week starts a new streak.",
                n,
            ).format(n=n)
        )
    return Outcome(reply=msg)
