"""The community's page for admins: teams, their schedules and next times, and the form that
adds a schedule (through `PlcBot.handle`, refusals shown beside their fields)."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from aiohttp import web
from markupsafe import Markup

from adapters.web.app import PANEL
from adapters.web.language import page_actor
from adapters.web.pages import refused, who
from adapters.web.render import html
from bot.api import KINDS, Outcome, _, intents

FIELDS = ("team", "kind", "when", "timezone", "after_hours")


async def community(request: web.Request) -> web.StreamResponse:
    return await _page(request, {}, {}, None)


async def _page(
    request: web.Request,
    sent: dict[str, str],
    errors: dict[str, Markup],
    notice: Markup | None,
    status: int = 200,
) -> web.StreamResponse:
    panel, person, ref = await who(request)
    teams = await panel.bot.panel.community(page_actor(ref, person.user_id))
    if isinstance(teams, Outcome):
        return refused(panel, request, person, teams)
    return panel.page(
        request,
        "community.html",
        status=status,
        title=_("Community"),
        person=person,
        teams=teams,
        kinds=KINDS,
        sent=sent,
        errors=errors,
        notice=notice,
    )


async def schedule_add(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    form = await request.post()
    sent = {name: str(form.get(name, "")).strip() for name in FIELDS}
    # not a whole number: 0, which the core refuses in its own words beside the field
    typed = sent["after_hours"]
    hours = (int(typed) if typed.isascii() and typed.isdigit() else 0) if typed else None
    actor = page_actor(ref, person.user_id, sent["team"] or None)
    intent = intents.ScheduleAdd(sent["kind"], sent["when"], sent["timezone"] or None, hours)
    outcome = await panel.bot.handle(actor, intent, via="submit")
    if not person.is_admin:  # the community page is not theirs: their team's page, or why not
        if outcome.ok:
            return _to_team(request, sent["team"], outcome)
        return refused(panel, request, person, outcome)
    if outcome.ok:
        return await _page(request, {}, {}, html(outcome.reply))
    errors = {name: html(reply) for name, reply in outcome.field_errors.items()}
    notice = None if errors else html(outcome.reply)
    return await _page(request, sent, errors, notice, 422)


def _to_team(request: web.Request, channel: str, outcome: Outcome) -> web.StreamResponse:
    """The community page is admins' only: a facilitator who added their team's schedule goes
    to their team's page, which says once what the bot answered."""
    panel = request.app[PANEL]
    session = panel.sessions.read(request)
    assert session is not None  # `who` signed them in
    reply = outcome.reply.plain_text() if outcome.reply is not None else ""
    response = web.Response(status=303, headers={"Location": f"/teams/{quote(channel, safe='')}"})
    panel.sessions.write(response, replace(session, notice=reply))
    return response
