"""School calendar breaks: days when a team's schedules post nothing."""

from __future__ import annotations

from bot.commands import intents as i
from bot.day_words import date_text
from bot.domain import Team
from bot.i18n import _, fill
from bot.messages import Bold, Code, MessageBuilder, Plain, text
from bot.outcome import Outcome
from bot.scheduling.model import CalendarBreak
from bot.usecases.context import Ctx, Refusal
from bot.usecases.us_dates import read_as


def _read_as(cmd: i.CalendarOff, team: Team) -> str:
    """How a month/day/year date was read, or '' for ISO dates; refused outside the US."""
    return read_as(cmd.written, cmd.first_day, [team], what="days")


async def _refuse_duplicate(cmd: i.CalendarOff, ctx: Ctx, team: Team) -> None:
    scope = team.id if cmd.team_only else None
    for x in await ctx.uow.calendar.list(team.community_id):
        if (x.first_day, x.last_day, x.team_id) == (cmd.first_day, cmd.last_day, scope):
            raise Refusal(
                *fill(
                    _("Break #{id} {label} already covers {days}. Nothing was added."),
                    id=str(x.id),
                    label=Plain(x.label),
                    days=_days(x),
                )
            )


def _days(x: CalendarBreak) -> str:
    if x.first_day == x.last_day:
        return x.first_day.isoformat()
    return _("{first} to {last}").format(first=x.first_day.isoformat(), last=x.last_day.isoformat())


async def calendar_off(cmd: i.CalendarOff, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    read_as = _read_as(cmd, team)
    await _refuse_duplicate(cmd, ctx, team)
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
    who = (
        _("for {team}").format(team=team.name)
        if cmd.team_only
        else _("for every team in this community")
    )
    first, last = (date_text(d, d, "%a %d %b %Y") for d in (brk.first_day, brk.last_day))
    one_day = brk.first_day == brk.last_day
    days = first if one_day else _("{first} to {last}").format(first=first, last=last)
    said = (
        _("Added break #{id} {label}: {days}{read}, {who}. Nothing is posted on that day.")
        if one_day
        else _("Added break #{id} {label}: {days}{read}, {who}. Nothing is posted on those days.")
    )
    return Outcome(
        reply=text(
            *fill(
                said,
                id=str(brk.id),
                label=Bold(brk.label),
                days=days,
                read=read_as,
                who=who,
            )
        )
    )


async def calendar_list(cmd: i.CalendarList, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    breaks = [
        b for b in await ctx.uow.calendar.list(team.community_id) if b.team_id in (None, team.id)
    ]
    b = MessageBuilder().heading(_("Calendar breaks"))
    if not breaks:
        b.para(
            *fill(
                _("None. Add one with {command}."),
                command=Code(_("/plc calendar off 2026-12-21..2027-01-01 Winter break")),
            )
        )
    b.bullets(
        [
            (
                Bold(f"#{x.id} "),
                Plain(x.label),
                f": {_days(x)}" + (_(" (this team)") if x.team_id else _(" (whole community)")),
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
            _("There is no break #{id} here. See them with `/plc calendar list`.").format(
                id=cmd.break_id
            )
        )
    await ctx.uow.calendar.remove(team.community_id, brk.id)
    return Outcome(
        reply=text(*fill(_("Removed break #{id} {label}."), id=str(brk.id), label=Plain(brk.label)))
    )
