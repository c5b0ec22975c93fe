"""The facilitator's report: is the learning team working? Counts only, never contents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.cards import duration_text
from bot.commands import intents as i
from bot.domain import CheckIn, PromptDelivery, PulseAnswer, Reflection, Role, Session, StageChange
from bot.messages import Bold, MessageBuilder
from bot.outcome import Outcome
from bot.usecases.context import Ctx, Refusal


@dataclass(frozen=True)
class PulseFigures:
    relevant_answers: int
    strongly_agree: int
    agree_or_better: int
    recommend_answers: int
    would_recommend: int

    @staticmethod
    def of(answers: Sequence[PulseAnswer]) -> PulseFigures:
        relevant = [a.relevant for a in answers if a.relevant is not None]
        recommend = [a.recommend for a in answers if a.recommend is not None]
        return PulseFigures(
            len(relevant),
            sum(1 for r in relevant if r == 5),
            sum(1 for r in relevant if r >= 4),
            len(recommend),
            sum(1 for r in recommend if r),
        )

    def sentence(self) -> str:
        parts = []
        if self.relevant_answers:
            parts.append(
                f"{percent(self.strongly_agree, self.relevant_answers)} strongly agree it was relevant"
            )
        if self.recommend_answers:
            parts.append(f"{percent(self.would_recommend, self.recommend_answers)} would recommend")
        return "; ".join(parts) if parts else "no feedback yet"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def response_rate(
    deliveries: Sequence[PromptDelivery], reflections: Sequence[Reflection], members: int
) -> float | None:
    """Share of (prompt, member) pairs answered; private reflections count, their text never shows."""
    if not deliveries or not members:
        return None
    ids = {d.id for d in deliveries}
    answered = {(r.delivery_id, r.user_id) for r in reflections if r.delivery_id in ids}
    return len(answered) / (len(deliveries) * members)


def time_in_stages(
    changes: Sequence[StageChange], now: datetime
) -> list[tuple[StageChange, timedelta]]:
    ordered = sorted(changes, key=lambda c: c.started_at)
    ends = [c.started_at for c in ordered[1:]] + [now]
    return [(c, end - c.started_at) for c, end in zip(ordered, ends, strict=True)]


def session_line(
    session: Session, checkins: Sequence[CheckIn], zone: ZoneInfo, now: datetime
) -> str:
    mine = [c for c in checkins if c.session_id == session.id]
    day = session.opened_at.astimezone(zone).strftime("%a %d %b")
    length = duration_text((session.closed_at or now) - session.opened_at)
    avg = f", arrival {sum(c.score for c in mine) / len(mine):.1f}" if mine else ""
    status = "" if session.closed_at else " (open)"
    return f"{day} · {session.topic or 'untitled'} · {length}{status} · {len(mine)} checked in{avg}"


def arrival_trend(sessions: Sequence[Session], checkins: Sequence[CheckIn]) -> list[float]:
    """The average arrival score of each session with check-ins, in the order they were held."""
    out = []
    for s in sorted(sessions, key=lambda s: s.opened_at):
        scores = [c.score for c in checkins if c.session_id == s.id]
        if scores:
            out.append(sum(scores) / len(scores))
    return out


async def report(cmd: i.Report, ctx: Ctx) -> Outcome:
    if cmd.whole_community:
        return await community_report(cmd, ctx)
    team = ctx.need_team()
    zone = ZoneInfo(team.timezone)
    since = datetime.combine(cmd.since, time(0), zone).astimezone(UTC) if cmd.since else None
    cid, tid = team.community_id, team.id
    sessions = await ctx.uow.sessions.list(cid, tid, since)
    checkins = await ctx.uow.checkins.list(cid, tid, since)
    deliveries = await ctx.uow.deliveries.list(cid, tid, since)
    reflections = await ctx.uow.reflections.list(cid, tid, since)
    members = await ctx.uow.team_roles.members(cid, tid)
    answers: list[PulseAnswer] = []
    for s in sessions:
        answers.extend(await ctx.uow.pulse.for_session(cid, s.id))

    b = MessageBuilder().heading(
        f"Report: {team.name}" + (f" since {cmd.since.isoformat()}" if cmd.since else "")
    )
    held = [s for s in sessions if s.closed_at]
    total = sum(((s.closed_at or ctx.now) - s.opened_at for s in held), timedelta())
    b.para(
        Bold(f"{len(sessions)} session" + ("" if len(sessions) == 1 else "s")),
        f" · {duration_text(total)} in closed sessions",
    )
    b.bullets([session_line(s, checkins, zone, ctx.now) for s in sessions[-10:]])
    if checkins:
        avg = sum(c.score for c in checkins) / len(checkins)
        b.para(Bold("Arrival"), f": average {avg:.1f} of 5 over {len(checkins)} check-ins")
        trend = arrival_trend(sessions, checkins)
        if len(trend) > 1:
            b.para("Arrival by session: ", " → ".join(f"{x:.1f}" for x in trend[-8:]))
    teachers = [m for m in members if m.role is Role.TEACHER]
    rate = response_rate(deliveries, reflections, len(teachers))
    rate_text = (
        f"{round(100 * rate)}% of prompts answered" if rate is not None else "no prompts sent yet"
    )
    b.para(Bold("Reflections"), f": {len(reflections)} written · {rate_text}")
    b.para(Bold("Feedback"), ": ", PulseFigures.of(answers).sentence())
    stages = time_in_stages(await ctx.uow.stage_changes.list(cid, tid), ctx.now)
    b.para(
        Bold("Cycle"),
        f": cycle {team.cycle}, stage {team.stage.number} ({ctx.library.stage(team.stage).name})",
    )
    b.bullets(
        [
            f"cycle {c.cycle} · {ctx.library.stage(c.stage).name}: {duration_text(d)}"
            for c, d in stages[-5:]
        ]
    )
    b.context("Counts include private reflections; no one's words appear in a report.")
    return Outcome(reply=b.build())


async def community_report(cmd: i.Report, ctx: Ctx) -> Outcome:
    if ctx.role < Role.ADMIN:
        raise Refusal("Only an admin can see the report for every team (`/plc report all`).")
    cid = ctx.community.id
    b = MessageBuilder().heading(
        "Report: every learning team" + (f" since {cmd.since.isoformat()}" if cmd.since else "")
    )
    all_answers: list[PulseAnswer] = []
    lines = []
    for team in await ctx.uow.teams.list(cid):
        since = (
            datetime.combine(cmd.since, time(0), ZoneInfo(team.timezone)).astimezone(UTC)
            if cmd.since
            else None
        )
        sessions = await ctx.uow.sessions.list(cid, team.id, since)
        checkins = await ctx.uow.checkins.list(cid, team.id, since)
        reflections = await ctx.uow.reflections.list(cid, team.id, since)
        deliveries = await ctx.uow.deliveries.list(cid, team.id, since)
        teachers = [
            m for m in await ctx.uow.team_roles.members(cid, team.id) if m.role is Role.TEACHER
        ]
        answers: list[PulseAnswer] = []
        for s in sessions:
            answers.extend(await ctx.uow.pulse.for_session(cid, s.id))
        all_answers += answers
        rate = response_rate(deliveries, reflections, len(teachers))
        avg = (
            f"arrival {sum(c.score for c in checkins) / len(checkins):.1f}"
            if checkins
            else "no check-ins"
        )
        lines.append(
            f"{team.name} · stage {team.stage.number}, cycle {team.cycle} · {len(sessions)} sessions · {avg} · "
            f"{len(reflections)} reflections"
            + (f" ({round(100 * rate)}% answered)" if rate is not None else "")
        )
    b.bullets(lines or ["No teams yet."])
    b.para(Bold("Feedback, all teams"), ": ", PulseFigures.of(all_answers).sentence())
    b.context("Counts include private reflections; no one's words appear in a report.")
    return Outcome(reply=b.build())
