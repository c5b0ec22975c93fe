"""What the panel's charts and the school/district overview show, as plain values: the report's
own figures (bot.reports, read in a fixed number of queries) turned into labelled points. Counts
and shares only, never anyone's words. An adapter draws them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.cards import day_text
from bot.day_words import date_text
from bot.domain import CycleStage, Role, Team
from bot.i18n import _
from bot.library import PromptLibrary
from bot.outcome import Outcome
from bot.reports import TeamFigures, TeamSummary
from bot.usecases.context import Actor, Ctx

if TYPE_CHECKING:
    from bot.service import PlcBot

LAST_SESSIONS = 12
LAST_WEEKS = 12
LAST_STAGES = 8
DAY = "%d %b"


@dataclass(frozen=True)
class Point:
    """One labelled figure; `value` None: nothing to measure yet (no answers, no check-ins);
    `note`: what the figure stands on, e.g. "3 of 4"."""

    label: str
    value: float | None
    note: str = ""


@dataclass(frozen=True)
class TeamCharts:
    attendance: tuple[Point, ...]  # check-ins per session
    arrival: tuple[Point, ...]  # the arrival average (1-5) per session
    response: tuple[Point, ...]  # % of prompts answered, per week
    relevant: tuple[Point, ...]  # % strongly agreeing the session was relevant, per session
    recommend: tuple[Point, ...]  # % who would recommend the session, per session
    stages: tuple[Point, ...]  # days in each stage, oldest first
    stage: int  # where the team is now (1-5), in which cycle, and the five stages' names
    cycle: int
    stage_names: tuple[str, ...]


@dataclass(frozen=True)
class TeamRow:
    name: str
    channel_id: str
    stage: int
    stage_name: str
    cycle: int
    sessions: int
    last_session: str | None  # the day, in the team's zone
    last_checked_in: int | None
    arrival: float | None
    response: float | None  # % of prompts answered
    teachers: int


@dataclass(frozen=True)
class Overview:
    teams: tuple[TeamRow, ...]
    participation: tuple[Point, ...]  # % of prompts answered, per team


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def team_charts(team: Team, f: TeamFigures, library: PromptLibrary, now: datetime) -> TeamCharts:
    zone = ZoneInfo(team.timezone)
    sessions = f.sessions[-LAST_SESSIONS:]
    days = [day_text(s.opened_at, zone, now, DAY) for s in sessions]
    weeks = f.weekly_response(zone)[-LAST_WEEKS:]
    today = now.astimezone(zone).date()
    return TeamCharts(
        attendance=tuple(Point(d, s.checked_in) for d, s in zip(days, sessions, strict=True)),
        arrival=tuple(
            Point(d, None if s.arrival is None else round(s.arrival, 1))
            for d, s in zip(days, sessions, strict=True)
        ),
        response=tuple(
            Point(date_text(w, today, DAY), None if r is None else round(100 * r)) for w, r in weeks
        ),
        relevant=tuple(
            Point(
                d,
                share(s.pulse.strongly_agree, s.pulse.relevant_answers),
                _of(s.pulse.strongly_agree, s.pulse.relevant_answers),
            )
            for d, s in zip(days, sessions, strict=True)
        ),
        recommend=tuple(
            Point(
                d,
                share(s.pulse.recommend_yes, s.pulse.recommend_answers),
                _of(s.pulse.recommend_yes, s.pulse.recommend_answers),
            )
            for d, s in zip(days, sessions, strict=True)
        ),
        stages=tuple(
            Point(
                _("cycle {cycle} · {stage}").format(
                    cycle=c.cycle, stage=library.stage(c.stage).name
                ),
                round(d.total_seconds() / 86400, 1),
            )
            for c, d in f.time_in_stages(now)[-LAST_STAGES:]
        ),
        stage=team.stage.number,
        cycle=team.cycle,
        stage_names=tuple(library.stage(s).name for s in CycleStage),
    )


def _of(part: int, whole: int) -> str:
    """What a figure stands on: "3 of 4"."""
    return _("{part} of {whole}").format(part=part, whole=whole)


def overview_of(
    teams: list[Team], figures: Mapping[int, TeamSummary], library: PromptLibrary, now: datetime
) -> Overview:
    rows = []
    for team in teams:
        f = figures[team.id]
        last = f.last_session
        rate = f.response_rate
        rows.append(
            TeamRow(
                team.name,
                team.channel_id,
                team.stage.number,
                library.stage(team.stage).name,
                team.cycle,
                f.sessions,
                day_text(last, ZoneInfo(team.timezone), now, DAY) if last else None,
                f.last_checked_in if last else None,
                None if f.arrival is None else round(f.arrival, 1),
                None if rate is None else round(100 * rate),
                f.teachers,
            )
        )
    participation = tuple(
        Point(r.name, r.response, _of(figures[t.id].answered, figures[t.id].prompts * r.teachers))
        for t, r in zip(teams, rows, strict=True)
    )
    return Overview(tuple(rows), participation)


async def read_overview(bot: PlcBot, actor: Actor) -> Overview | Outcome:
    """Every team of the community, for its admins: the figures `/plc report all` shows."""
    found: list[Overview] = []

    async def step(ctx: Ctx) -> Outcome:
        teams = list(await ctx.uow.teams.list(ctx.community.id))
        figures = await ctx.uow.reports.summaries(
            ctx.community.id, [t.id for t in teams], ctx.kept_since()
        )
        found.append(overview_of(teams, figures, ctx.own_library, ctx.now))
        return Outcome()

    outcome = await bot.run(
        actor, step, role=Role.ADMIN, what="report all", label=("panel", "overview")
    )
    return found[0] if found else outcome
