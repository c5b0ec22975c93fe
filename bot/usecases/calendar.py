"""School calendar breaks: days when a team's schedules post nothing."""

from __future__ import annotations

from bot.commands import intents as i
from bot.domain import Team
from bot.messages import Bold, Code, MessageBuilder, Plain, text
from bot.outcome import Outcome
from bot.scheduling.model import CalendarBreak
from bot.usecases.context import Ctx, Refusal

# Zones where month/day/year is how dates are written (with an English-language team).
_US_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
             "America/Los_Angeles", "America/Anchorage", "America/Boise", "America/Detroit",
             "America/Juneau", "America/Adak", "America/Puerto_Rico", "Pacific/Honolulu")  # fmt: skip
_US_PREFIXES = ("US/", "America/Indiana/", "America/Kentucky/", "America/North_Dakota/")


def us_english(team: Team) -> bool:
    return team.language.lower().startswith("en") and (
        team.timezone in _US_ZONES or team.timezone.startswith(_US_PREFIXES)
    )


def _read_as(cmd: i.CalendarOff, team: Team) -> str:
    """How a month/day/year date was read, or '' for ISO dates; refused outside the US."""
    if cmd.written is None:
        return ""
    if not us_english(team):
        raise Refusal(
            "“",
            Plain(cmd.written),
            "” could be read month first or day first: write the days as year-month-day, "
            f"like {cmd.first_day.isoformat()} (that is {cmd.first_day:%d %B %Y} read month first).",
        )
    return f" (read “{cmd.written}” as month/day/year)"


async def _refuse_duplicate(cmd: i.CalendarOff, ctx: Ctx, team: Team) -> None:
    scope = team.id if cmd.team_only else None
    for x in await ctx.uow.calendar.list(team.community_id):
        if (x.first_day, x.last_day, x.team_id) == (cmd.first_day, cmd.last_day, scope):
            raise Refusal(
                f"Break #{x.id} ", Plain(x.label), f" already covers {_days(x)}. Nothing was added."
            )


def _days(x: CalendarBreak) -> str:
    if x.first_day == x.last_day:
        return x.first_day.isoformat()
    return f"{x.first_day.isoformat()} to {x.last_day.isoformat()}"


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
    who = f"for {team.name}" if cmd.team_only else "for every team in this community"
    days = (
        f"{brk.first_day:%a %d %b %Y}"
        if brk.first_day == brk.last_day
        else f"{brk.first_day:%a %d %b %Y} to {brk.last_day:%a %d %b %Y}"
    )
    return Outcome(
        reply=text(
            f"Added break #{brk.id} ",
            Bold(brk.label),
            f": {days}{read_as}, {who}. Nothing is posted on "
            + ("that day." if brk.first_day == brk.last_day else "those days."),
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
                f": {_days(x)}" + (" (this team)" if x.team_id else " (whole community)"),
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
