"""A teacher's PD-hours log: every session they were at (marked present, said "here", or
checked in), with the facilitator's sign-off once given; `/plc me pdhours [since <date>]`."""

from __future__ import annotations

from datetime import date

from bot.attendance import PdLine, hours, pd_line
from bot.commands import intents as i
from bot.i18n import _, fill, ngettext
from bot.messages import Bold, Code, Inline, Mention, MessageBuilder
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
    log = [line for _at, line in sorted(lines, key=lambda pair: pair[0])]
    return [line for line in log if since is None or line.day >= since]


async def show(cmd: i.MePdHours, ctx: Ctx) -> Outcome:
    if cmd.since is not None:
        teams = [ctx.team] if ctx.team else list(await ctx.uow.teams.list(ctx.community.id))
        read_as(cmd.written, cmd.since, teams)
    log = await pd_log(ctx, cmd.since)
    heading = (
        _("Your PD hours since {day}").format(day=cmd.since.isoformat())
        if cmd.since
        else _("Your PD hours")
    )
    b = MessageBuilder().heading(heading)
    if not log:
        b.para(
            *fill(
                _("No sessions yet. Say {command} when you are at one."), command=Code("/plc here")
            )
        )
        return Outcome(reply=b.build())
    total = sum(line.minutes for line in log)
    signed = sum(line.minutes for line in log if line.signed_off_by)
    in_all = ngettext("{hours} in {n} session", "{hours} in {n} sessions", len(log))
    b.para(
        Bold(in_all.format(hours=hours(total), n=len(log))),
        _(" ({hours} signed off)").format(hours=hours(signed)),
    )
    for line in log:
        b.para(*_line(line))
    b.context(_("Your export (/plc me export) has a printable summary to hand in."))
    return Outcome(reply=b.build())


def _line(line: PdLine) -> tuple[Inline | str, ...]:
    template = _(
        "{day} {start}–{end} {zone} · {hours} · {team} · {topic} · stage {stage} · "
        "facilitator {facilitator}"
    )
    parts: list[Inline | str] = list(
        fill(
            template,
            day=line.day.isoformat(),
            start=line.start,
            end=line.end or _("still open"),
            zone=line.zone,
            hours=hours(line.minutes),
            team=line.team,
            topic=line.topic or _("no topic"),
            stage=str(line.stage),
            facilitator=Mention(line.facilitator),
        )
    )
    if line.signed_off_by:
        parts += fill(_(" · signed off by {who}"), who=Mention(line.signed_off_by))
    else:
        parts.append(_(" · not signed off yet"))
    return tuple(parts)
