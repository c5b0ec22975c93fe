"""A team's charts and stage form, and the school/district overview for admins. Figures come
from the core's report read model (the same ones chat reports show); the stage form changes the
stage through `PlcBot.handle` with chat's own intent."""

from __future__ import annotations

from aiohttp import web
from markupsafe import Markup, escape

from adapters.web.app import Panel
from adapters.web.charts import Figure, bar_rows, columns, figure_text, lines
from adapters.web.pages import refused, who
from adapters.web.render import html
from adapters.web.session import Session
from bot.api import Actor, CycleStage, Outcome, Person, TeamCharts, TeamView, intents

PICK_A_STAGE = "Choose one of the five stages."


def team_figures(c: TeamCharts, zone: str) -> tuple[Figure, ...]:
    n = len(c.attendance)
    sessions = f"the last {n} sessions" if n > 1 else "the last session" if n else "no sessions yet"
    sessions += f", by the day in {zone}"
    return (*_attendance(c, sessions), *_feedback(c, sessions))


def _attendance(c: TeamCharts, sessions: str) -> tuple[Figure, ...]:
    return (
        Figure(
            "attendance",
            "Check-ins per session",
            f"How many checked in, {sessions}.",
            columns("Check-ins per session", c.attendance, chart_id="attendance"),
            ("Session", "Checked in", "Arrival (1–5)"),
            tuple(
                (a.label, figure_text(a.value), figure_text(b.value))
                for a, b in zip(c.attendance, c.arrival, strict=True)
            ),
        ),
        Figure(
            "arrival",
            "Arrival average per session",
            f"The mean check-in score from 1 to 5, {sessions}.",
            lines(
                "Arrival average per session",
                [("Arrival", c.arrival)],
                chart_id="arrival",
                top=5,
            ),
            ("Session", "Arrival (1–5)"),
            tuple((p.label, figure_text(p.value)) for p in c.arrival),
        ),
    )


def _feedback(c: TeamCharts, sessions: str) -> tuple[Figure, ...]:
    return (
        Figure(
            "response",
            "Response rate per week",
            "The share of prompts sent that week answered by the team's teachers (private "
            "reflections count; their words never show), by the Monday it began.",
            columns("Response rate per week", c.response, chart_id="response", unit="%", top=100),
            ("Week of", "Answered"),
            tuple((p.label, figure_text(p.value, "%")) for p in c.response),
        ),
        Figure(
            "pulse",
            "Feedback per session",
            f"The share who strongly agree the session was relevant, and who would recommend "
            f"it, from the feedback at its close, {sessions}.",
            lines(
                "Feedback per session",
                [("Strongly agree relevant", c.relevant), ("Would recommend", c.recommend)],
                chart_id="pulse",
                top=100,
                unit="%",
            ),
            ("Session", "Strongly agree relevant", "Would recommend"),
            tuple(
                (a.label, _of(a.value, a.note), _of(b.value, b.note))
                for a, b in zip(c.relevant, c.recommend, strict=True)
            ),
        ),
        Figure(
            "stages",
            "Days in each cycle stage",
            f"How long the team spent in each stage; now in stage {c.stage}, cycle {c.cycle}.",
            bar_rows("Days in each cycle stage", c.stages, chart_id="stages", unit=" d"),
            ("Stage", "Days"),
            tuple((p.label, figure_text(p.value)) for p in c.stages),
        ),
    )


def _of(value: float | None, note: str) -> str:
    return "–" if value is None else f"{figure_text(value, '%')} ({note})"


def team_page(
    panel: Panel,
    request: web.Request,
    person: Person,
    view: TeamView,
    *,
    notice: Markup | None = None,
    error: Markup | str = "",
    status: int = 200,
    session: Session | None = None,
) -> web.Response:
    return panel.page(
        request,
        "team.html",
        status=status,
        session=session,
        title=view.name,
        person=person,
        view=view,
        report=html(view.report, level=2),
        figures=team_figures(view.charts, view.timezone),
        notice=notice,
        stage_error=error,
    )


async def stage_set(request: web.Request) -> web.StreamResponse:
    """The stage form: `/plc stage set N`'s own intent, so its role check and its posts (the
    stage card in the team's channel) are chat's."""
    panel, person, ref = await who(request)
    actor = Actor(ref, person.user_id, request.match_info["channel"])
    typed = str((await request.post()).get("stage", "")).strip()
    stage = next((s for s in CycleStage if str(s.number) == typed), None)
    notice, error, status = None, escape(PICK_A_STAGE), 422
    if stage is not None:
        outcome = await panel.bot.handle(actor, intents.StageSet(stage), via="submit")
        if outcome.retry_after is not None:
            return refused(panel, request, person, outcome)
        error, status = Markup(""), 200
        if not outcome.ok:  # beside the field, unless the page itself is not theirs (below)
            error, status = html(outcome.field_errors.get("stage", outcome.reply)), 400
        else:
            notice = html(outcome.reply)
    view = await panel.bot.panel.team(actor)
    if isinstance(view, Outcome):
        return refused(panel, request, person, view)
    return team_page(panel, request, person, view, notice=notice, error=error, status=status)


async def overview(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    found = await panel.bot.panel.overview(Actor(ref, person.user_id))
    if isinstance(found, Outcome):
        return refused(panel, request, person, found)
    chart = Figure(
        "participation",
        "Participation across teams",
        "The share of prompts answered in each team since it began (private reflections "
        "count; their words never show).",
        bar_rows(
            "Participation across teams",
            found.participation,
            chart_id="participation",
            unit="%",
            top=100,
        ),
        ("Team", "Prompts answered"),
        tuple((p.label, _of(p.value, p.note)) for p in found.participation),
    )
    return panel.page(
        request, "overview.html", title="Overview", person=person, view=found, chart=chart
    )


def routes() -> list[web.RouteDef]:
    return [
        web.get("/overview", overview),
        web.post("/teams/{channel}/stage", stage_set),
    ]
