"""A team's charts and stage form, and the school/district overview for admins. Figures come
from the core's report read model (the same ones chat reports show); the stage form changes the
stage through `PlcBot.handle` with chat's own intent."""

from __future__ import annotations

from aiohttp import web
from markupsafe import Markup, escape

from adapters.web.app import Panel
from adapters.web.charts import Figure, bar_rows, columns, figure_text, lines
from adapters.web.language import page_actor
from adapters.web.pages import refused, who
from adapters.web.render import html
from adapters.web.session import Session
from bot.api import (
    N_,
    CycleStage,
    Outcome,
    Person,
    TeamCharts,
    TeamView,
    _,
    intents,
    ngettext,
    pgettext,
)

PICK_A_STAGE = N_("Choose one of the five stages.")


def team_figures(c: TeamCharts, zone: str) -> tuple[Figure, ...]:
    n = len(c.attendance)
    sessions = (
        ngettext(
            "the last session, by the day in {zone}",
            "the last {n} sessions, by the day in {zone}",
            n,
        )
        if n
        else _("no sessions yet, by the day in {zone}")
    ).format(n=n, zone=zone)
    return (*_attendance(c, sessions), *_feedback(c, sessions))


def _attendance(c: TeamCharts, sessions: str) -> tuple[Figure, ...]:
    return (
        Figure(
            "attendance",
            _("Check-ins per session"),
            _("How many checked in, {sessions}.").format(sessions=sessions),
            columns(_("Check-ins per session"), c.attendance, chart_id="attendance"),
            (_("Session"), _("Checked in"), _("Arrival (1–5)")),
            tuple(
                (a.label, figure_text(a.value), figure_text(b.value))
                for a, b in zip(c.attendance, c.arrival, strict=True)
            ),
        ),
        Figure(
            "arrival",
            _("Arrival average per session"),
            _("The mean check-in score from 1 to 5, {sessions}.").format(sessions=sessions),
            lines(
                _("Arrival average per session"),
                [(_("Arrival"), c.arrival)],
                chart_id="arrival",
                top=5,
            ),
            (_("Session"), _("Arrival (1–5)")),
            tuple((p.label, figure_text(p.value)) for p in c.arrival),
        ),
    )


def _feedback(c: TeamCharts, sessions: str) -> tuple[Figure, ...]:
    return (
        Figure(
            "response",
            _("Response rate per week"),
            _(
                "The share of prompts sent that week answered by the team's teachers (private "
                "reflections count; their words never show), by the Monday it began."
            ),
            columns(
                _("Response rate per week"), c.response, chart_id="response", unit="%", top=100
            ),
            (_("Week of"), _("Answered")),
            tuple((p.label, figure_text(p.value, "%")) for p in c.response),
        ),
        Figure(
            "pulse",
            _("Feedback per session"),
            _(
                "The share who strongly agree the session was relevant, and who would recommend "
                "it, from the feedback at its close, {sessions}."
            ).format(sessions=sessions),
            lines(
                _("Feedback per session"),
                [(_("Strongly agree relevant"), c.relevant), (_("Would recommend"), c.recommend)],
                chart_id="pulse",
                top=100,
                unit="%",
            ),
            (_("Session"), _("Strongly agree relevant"), _("Would recommend")),
            tuple(
                (a.label, _of(a.value, a.note), _of(b.value, b.note))
                for a, b in zip(c.relevant, c.recommend, strict=True)
            ),
        ),
        Figure(
            "stages",
            _("Days in each cycle stage"),
            _("How long the team spent in each stage; now in stage {stage}, cycle {cycle}.").format(
                stage=c.stage, cycle=c.cycle
            ),
            bar_rows(
                _("Days in each cycle stage"),
                c.stages,
                chart_id="stages",
                unit=pgettext("days, after a number in a chart", " d"),
            ),
            (_("Stage"), _("Days")),
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
    actor = page_actor(ref, person.user_id, request.match_info["channel"])
    typed = str((await request.post()).get("stage", "")).strip()
    stage = next((s for s in CycleStage if str(s.number) == typed), None)
    notice, error, status = None, escape(_(PICK_A_STAGE)), 422
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
    found = await panel.bot.panel.overview(page_actor(ref, person.user_id))
    if isinstance(found, Outcome):
        return refused(panel, request, person, found)
    chart = Figure(
        "participation",
        _("Participation across teams"),
        _(
            "The share of prompts answered in each team since it began (private reflections "
            "count; their words never show)."
        ),
        bar_rows(
            _("Participation across teams"),
            found.participation,
            chart_id="participation",
            unit="%",
            top=100,
        ),
        (_("Team"), _("Prompts answered")),
        tuple((p.label, _of(p.value, p.note)) for p in found.participation),
    )
    return panel.page(
        request, "overview.html", title=_("Overview"), person=person, view=found, chart=chart
    )


def routes() -> list[web.RouteDef]:
    return [
        web.get("/overview", overview),
        web.post("/teams/{channel}/stage", stage_set),
    ]
