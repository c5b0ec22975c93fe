"""The facilitator's report in chat: the figures of bot.reports, formatted. Counts only, never
contents."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.cards import day_text, duration_text
from bot.commands import intents as i
from bot.domain import Team
from bot.library import PromptLibrary
from bot.messages import Bold, Message, MessageBuilder
from bot.outcome import Outcome
from bot.reports import Pulse, SessionFigures, TeamFigures, total_pulse
from bot.usecases.context import Ctx

NO_WORDS = "Counts include private reflections; no one's words appear in a report."


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def pulse_sentence(pulse: Pulse) -> str:
    """The two programme figures, each with the answers it stands on: the share strongly
    agreeing the session was relevant, and the share who would recommend it."""
    parts = []
    if n := pulse.relevant_answers:
        strongly = pulse.strongly_agree
        parts.append(f"{percent(strongly, n)} strongly agree it was relevant ({strongly} of {n})")
    if m := pulse.recommend_answers:
        parts.append(
            f"{percent(pulse.recommend_yes, m)} would recommend ({pulse.recommend_yes} of {m})"
        )
    return "; ".join(parts) if parts else "no feedback yet"


def pulse_spread(pulse: Pulse, library: PromptLibrary) -> list[str]:
    """Every answer, point by point: a 0% headline is read beside what people did answer."""
    lines = []
    if n := pulse.relevant_answers:
        points = reversed(library.pulse.relevant_scale)
        counts = ", ".join(f"{pulse.relevant[p.value - 1]} {_words(p.label)}" for p in points)
        lines.append(f"Relevant to my work ({n} answer{'' if n == 1 else 's'}): {counts}")
    if m := pulse.recommend_answers:
        lines.append(
            f"Would recommend ({m} answer{'' if m == 1 else 's'}): "
            f"{pulse.recommend_yes} yes, {pulse.recommend_no} no"
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
    avg = f", arrival {s.arrival:.1f}" if s.arrival is not None else ""
    status = "" if s.closed_at else " (open)"
    return (
        f"{day} · {s.topic or 'untitled'} · {duration_text(s.length(now))}{status} · "
        f"{s.checked_in} checked in{avg}"
    )


async def report(cmd: i.Report, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    figures = (
        await ctx.uow.reports.teams(team.community_id, {team.id: start_of(cmd.since, team)})
    )[team.id]
    return Outcome(reply=team_report(team, figures, cmd.since, ctx))


def team_report(team: Team, f: TeamFigures, since: date | None, ctx: Ctx) -> Message:
    zone = ZoneInfo(team.timezone)
    b = MessageBuilder().heading(
        f"Report: {team.name}" + (f" since {since.isoformat()}" if since else "")
    )
    n = len(f.sessions)
    b.para(
        Bold(f"{n} session" + ("" if n == 1 else "s")),
        f" · {duration_text(f.time_in_closed_sessions())} in closed sessions",
    )
    b.bullets([session_line(s, zone, ctx.now) for s in f.sessions[-10:]])
    if f.arrival is not None:
        b.para(Bold("Arrival"), f": average {f.arrival:.1f} of 5 over {f.checkins} check-ins")
        trend = f.arrival_trend()
        if len(trend) > 1:
            b.para("Arrival by session: ", " → ".join(f"{x:.1f}" for x in trend[-8:]))
    rate = f.response_rate
    rate_text = (
        f"{round(100 * rate)}% of prompts answered" if rate is not None else "no prompts sent yet"
    )
    b.para(Bold("Reflections"), f": {f.reflections} written · {rate_text}")
    b.para(Bold("Feedback"), ": ", pulse_sentence(f.pulse))
    b.bullets(pulse_spread(f.pulse, ctx.library))
    b.para(
        Bold("Cycle"),
        f": cycle {team.cycle}, stage {team.stage.number} ({ctx.library.stage(team.stage).name})",
    )
    b.bullets(
        [
            f"cycle {c.cycle} · {ctx.library.stage(c.stage).name}: {duration_text(d)}"
            for c, d in f.time_in_stages(ctx.now)[-5:]
        ]
    )
    b.context(NO_WORDS)
    return b.build()


async def community_report(cmd: i.CommunityReport, ctx: Ctx) -> Outcome:
    """From any channel (policy: admins, no team needed)."""
    cid = ctx.community.id
    teams = list(await ctx.uow.teams.list(cid))
    figures = await ctx.uow.reports.teams(cid, {t.id: start_of(cmd.since, t) for t in teams})
    b = MessageBuilder().heading(
        "Report: every learning team" + (f" since {cmd.since.isoformat()}" if cmd.since else "")
    )
    lines = []
    for team in teams:
        f = figures[team.id]
        avg = f"arrival {f.arrival:.1f}" if f.arrival is not None else "no check-ins"
        rate = f.response_rate
        lines.append(
            f"{team.name} · stage {team.stage.number}, cycle {team.cycle} · "
            f"{len(f.sessions)} sessions · {avg} · {f.reflections} reflections"
            + (f" ({round(100 * rate)}% answered)" if rate is not None else "")
        )
    b.bullets(lines or ["No teams yet."])
    everyone = total_pulse(list(figures.values()))
    b.para(Bold("Feedback, all teams"), ": ", pulse_sentence(everyone))
    b.bullets(pulse_spread(everyone, ctx.library))
    b.context(NO_WORDS)
    return Outcome(reply=b.build())
