"""The facilitator's report in chat: the figures of bot.reports, formatted. Counts only, never
contents."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.cards import day_text, duration_text
from bot.commands import intents as i
from bot.domain import Team
from bot.i18n import N_, _, ngettext
from bot.library import PromptLibrary
from bot.messages import Bold, Message, MessageBuilder
from bot.outcome import Outcome
from bot.reports import Pulse, SessionFigures, TeamFigures, total_pulse
from bot.usecases.context import Ctx
from bot.usecases.us_dates import read_as

NO_WORDS = N_("Counts include private reflections; no one's words appear in a report.")


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def pulse_sentence(pulse: Pulse) -> str:
    """The two programme figures, each with the answers it stands on: the share strongly
    agreeing the session was relevant, and the share who would recommend it."""
    parts = []
    if n := pulse.relevant_answers:
        strongly = pulse.strongly_agree
        parts.append(
            ngettext(
                "{percent} strongly agree it was relevant ({k} of {n})",
                "{percent} strongly agree it was relevant ({k} of {n})",
                n,
            ).format(percent=percent(strongly, n), k=strongly, n=n)
        )
    if m := pulse.recommend_answers:
        parts.append(
            ngettext(
                "{percent} would recommend ({k} of {n})",
                "{percent} would recommend ({k} of {n})",
                m,
            ).format(percent=percent(pulse.recommend_yes, m), k=pulse.recommend_yes, n=m)
        )
    return "; ".join(parts) if parts else _("no feedback yet")


def pulse_spread(pulse: Pulse, library: PromptLibrary) -> list[str]:
    """Every answer, point by point: a 0% headline is read beside what people did answer."""
    lines = []
    if n := pulse.relevant_answers:
        points = reversed(library.pulse.relevant_scale)
        counts = ", ".join(f"{pulse.relevant[p.value - 1]} {_words(p.label)}" for p in points)
        lines.append(
            ngettext(
                "Relevant to my work ({n} answer): {counts}",
                "Relevant to my work ({n} answers): {counts}",
                n,
            ).format(n=n, counts=counts)
        )
    if m := pulse.recommend_answers:
        lines.append(
            ngettext(
                "Would recommend ({n} answer): {yes} yes, {no} no",
                "Would recommend ({n} answers): {yes} yes, {no} no",
                m,
            ).format(n=m, yes=pulse.recommend_yes, no=pulse.recommend_no)
        )
    return lines


def _words(label: str) -> str:
    """ "5 — strongly agree" -> "strongly agree" """
    return label.split("—", 1)[-1].strip()


def start_of(day: date | None, team: Team) -> datetime | None:
    """Midnight of `day` in the team's own zone, as UTC."""
    return datetime.combine(day, time(0), ZoneInfo(team.timezone)).astimezone(UTC) if day else None


def session_line(s: SessionFigures, zone: ZoneInfo, now: datetime) -> str:
    day = day_text(s.opened_at, zone, now, "%a %d %b")
    avg = (
        _(", arrival {average}").format(average=f"{s.arrival:.1f}") if s.arrival is not None else ""
    )
    status = "" if s.closed_at else _(" (open)")
    untitled = _("untitled")
    checked_in = ngettext("{n} checked in", "{n} checked in", s.checked_in).format(n=s.checked_in)
    return (
        f"{day} · {s.topic or untitled} · {duration_text(s.length(now))}{status} · "
        f"{checked_in}{avg}"
    )


async def report(cmd: i.Report, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    read = read_as(cmd.written, cmd.since or ctx.now.date(), [team])
    figures = (await kept_figures(ctx, {team.id: start_of(cmd.since, team)}))[team.id]
    return Outcome(reply=team_report(team, figures, cmd.since, ctx, read))


async def kept_figures(ctx: Ctx, since: Mapping[int, datetime | None]) -> Mapping[int, TeamFigures]:
    """The teams' figures, the response rate over the prompts whose answers are still kept."""
    found = await ctx.uow.reports.teams(ctx.community.id, since)
    cutoff = ctx.kept_since()
    return {team: f.kept(cutoff) for team, f in found.items()}


def team_report(
    team: Team, f: TeamFigures, since: date | None, ctx: Ctx, read: str = ""
) -> Message:
    zone = ZoneInfo(team.timezone)
    heading = (
        _("Report: {team} since {day}{read}").format(
            team=team.name, day=since.isoformat(), read=read
        )
        if since
        else _("Report: {team}").format(team=team.name)
    )
    b = MessageBuilder().heading(heading)
    n = len(f.sessions)
    b.para(
        Bold(ngettext("{n} session", "{n} sessions", n).format(n=n)),
        _(" · {time} in closed sessions").format(time=duration_text(f.time_in_closed_sessions())),
    )
    b.bullets([session_line(s, zone, ctx.now) for s in f.sessions[-10:]])
    if f.arrival is not None:
        b.para(
            Bold(_("Arrival")),
            ngettext(
                ": average {average} of 5 over {n} check-in",
                ": average {average} of 5 over {n} check-ins",
                f.checkins,
            ).format(average=f"{f.arrival:.1f}", n=f.checkins),
        )
        trend = f.arrival_trend()
        if len(trend) > 1:
            b.para(_("Arrival by session: "), " → ".join(f"{x:.1f}" for x in trend[-8:]))
    rate = f.response_rate
    rate_text = (
        _("{percent}% of prompts answered").format(percent=round(100 * rate))
        if rate is not None
        else _("no prompts sent yet")
    )
    written = ngettext(": {n} written · {rate}", ": {n} written · {rate}", f.reflections)
    b.para(Bold(_("Reflections")), written.format(n=f.reflections, rate=rate_text))
    b.para(Bold(_("Feedback")), ": ", pulse_sentence(f.pulse))
    b.bullets(pulse_spread(f.pulse, ctx.own_library))
    _cycle_lines(b, team, f, ctx)
    b.context(_(NO_WORDS))
    return b.build()


def _cycle_lines(b: MessageBuilder, team: Team, f: TeamFigures, ctx: Ctx) -> None:
    b.para(
        Bold(_("Cycle")),
        _(": cycle {cycle}, stage {number} ({stage})").format(
            cycle=team.cycle, number=team.stage.number, stage=ctx.own_library.stage(team.stage).name
        ),
    )
    b.bullets(
        [
            _("cycle {cycle} · {stage}: {time}").format(
                cycle=c.cycle, stage=ctx.own_library.stage(c.stage).name, time=duration_text(d)
            )
            for c, d in f.time_in_stages(ctx.now)[-5:]
        ]
    )


async def community_report(cmd: i.CommunityReport, ctx: Ctx) -> Outcome:
    """From any channel (policy: admins, no team needed)."""
    cid = ctx.community.id
    teams = list(await ctx.uow.teams.list(cid))
    read = read_as(cmd.written, cmd.since or ctx.now.date(), [ctx.team] if ctx.team else teams)
    figures = await kept_figures(ctx, {t.id: start_of(cmd.since, t) for t in teams})
    heading = (
        _("Report: every learning team since {day}{read}").format(
            day=cmd.since.isoformat(), read=read
        )
        if cmd.since
        else _("Report: every learning team")
    )
    b = MessageBuilder().heading(heading)
    lines = [_team_line(team, figures[team.id]) for team in teams]
    b.bullets(lines or [_("No teams yet.")])
    everyone = total_pulse(list(figures.values()))
    b.para(Bold(_("Feedback, all teams")), ": ", pulse_sentence(everyone))
    b.bullets(pulse_spread(everyone, ctx.own_library))
    b.context(_(NO_WORDS))
    return Outcome(reply=b.build())


def _team_line(team: Team, f: TeamFigures) -> str:
    avg = (
        _("arrival {average}").format(average=f"{f.arrival:.1f}")
        if f.arrival is not None
        else _("no check-ins")
    )
    sessions = ngettext("{n} session", "{n} sessions", len(f.sessions)).format(n=len(f.sessions))
    reflections = ngettext("{n} reflection", "{n} reflections", f.reflections).format(
        n=f.reflections
    )
    rate = f.response_rate
    answered = (
        _(" ({percent}% answered)").format(percent=round(100 * rate)) if rate is not None else ""
    )
    return (
        _("{team} · stage {number}, cycle {cycle}").format(
            team=team.name, number=team.stage.number, cycle=team.cycle
        )
        + f" · {sessions} · {avg} · {reflections}{answered}"
    )
