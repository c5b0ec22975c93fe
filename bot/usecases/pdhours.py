"""A teacher's PD-hours log: every session they were at (marked present, said "here", or
checked in), with the facilitator's sign-off once given; `/plc me pdhours [since <date>]`."""

from __future__ import annotations

from datetime import date

from bot.attendance import PdLine, hours, pd_line
from bot.commands import intents as i
from bot.messages import Bold, Code, Mention, MessageBuilder
from bot.outcome import Outcome
from bot.usecases.context import Ctx
from bot.usecases.us_dates import read_as

PD_COLUMNS = (
    "date",
    "team",
    "topic",
    "minutes",
    "hours",
    "start",
    "end",
    "zone",
    "stage",
    "facilitator",
    "signed_off_by",
)


def pd_row(line: PdLine) -> dict[str, object]:
    """A line of the export's log; the first five columns are the older export's."""
    values = (
        line.day,
        line.team,
        line.topic,
        line.minutes,
        round(line.minutes / 60, 2),
        line.start,
        line.end,
        line.zone,
        line.stage,
        line.facilitator,
        line.signed_off_by,
    )
    return dict(zip(PD_COLUMNS, values, strict=True))


async def pd_log(ctx: Ctx, since: date | None = None) -> list[PdLine]:
    cid, uid = ctx.community.id, ctx.user_id
    signed: dict[int, str | None] = {}
    team_ids: set[int] = set()
    for a in await ctx.uow.attendance.by_user(cid, uid):
        signed[a.session_id] = a.confirmed_by
        team_ids.add(a.team_id)
    for c in await ctx.uow.checkins.by_user(cid, uid):
        if c.session_id is not None:
            signed.setdefault(c.session_id, None)
            team_ids.add(c.team_id)
    # One read per team the person was in a session of, not two per session.
    teams = {t.id: t for t in await ctx.uow.teams.list(cid)}
    sessions = {}
    for team_id in sorted(team_ids):
        sessions.update({s.id: s for s in await ctx.uow.sessions.list(cid, team_id)})
    lines = []
    for session_id, by in signed.items():
        session = sessions.get(session_id)
        team = teams.get(session.team_id) if session else None
        if session is not None and team is not None:
            lines.append((session.opened_at, pd_line(session, team, by, ctx.now)))
    log = [line for _, line in sorted(lines, key=lambda pair: pair[0])]
    return [line for line in log if since is None or line.day >= since]


async def show(cmd: i.MePdHours, ctx: Ctx) -> Outcome:
    if cmd.since is not None:
        teams = [ctx.team] if ctx.team else list(await ctx.uow.teams.list(ctx.community.id))
        read_as(cmd.written, cmd.since, teams)
    log = await pd_log(ctx, cmd.since)
    heading = "Your PD hours" + (f" since {cmd.since.isoformat()}" if cmd.since else "")
    b = MessageBuilder().heading(heading)
    if not log:
        b.para("No sessions yet. Say ", Code("/plc here"), " when you are at one.")
        return Outcome(reply=b.build())
    total = sum(line.minutes for line in log)
    signed = sum(line.minutes for line in log if line.signed_off_by)
    b.para(Bold(f"{hours(total)} in {len(log)} sessions"), f" ({hours(signed)} signed off)")
    for line in log:
        end = line.end or "still open"
        parts: list[Bold | Mention | str] = [
            f"{line.day.isoformat()} {line.start}–{end} {line.zone} · {hours(line.minutes)} · "
            f"{line.team} · {line.topic or 'no topic'} · stage {line.stage} · facilitator ",
            Mention(line.facilitator),
        ]
        if line.signed_off_by:
            parts += [" · signed off by ", Mention(line.signed_off_by)]
        else:
            parts.append(" · not signed off yet")
        b.para(*parts)
    b.context("Your export (/plc me export) has a printable summary to hand in.")
    return Outcome(reply=b.build())
