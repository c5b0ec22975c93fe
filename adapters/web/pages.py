"""The panel's pages: a teacher's own page, a team's page, the community's page. Reads go
through the core's read models, changes through `PlcBot.handle`, so the panel can do only what
the person could do in chat."""

from __future__ import annotations

from dataclasses import replace

from aiohttp import web
from markupsafe import escape

from adapters.web.app import PANEL, Panel, signed_in
from adapters.web.language import page_actor
from adapters.web.render import html
from adapters.web.signin import landing
from bot.api import CommunityRef, Outcome, Person, _, intents


async def who(request: web.Request) -> tuple[Panel, Person, CommunityRef]:
    """The signed-in person as the bot knows them now; signed out: off to the sign-in page."""
    panel = request.app[PANEL]
    session = panel.sessions.read(request)
    if session is None or session.community_id is None or session.user_id is None:
        raise web.HTTPSeeOther("/signin")
    person = await signed_in(request)
    if person is None:  # forgotten since (their data deleted): signed out
        raise web.HTTPSeeOther("/signin")
    platform, _colon, external = session.community_id.partition(":")
    return panel, person, CommunityRef(platform, external)


def refused(panel: Panel, request: web.Request, person: Person, outcome: Outcome) -> web.Response:
    """The core's refusal on a page of its own: 403 "Not for you"; 429 "Slow down" (with
    Retry-After) when the person was only asked to wait."""
    if outcome.retry_after is not None:
        page = panel.page(
            request,
            "refused.html",
            status=429,
            title=_("Slow down"),
            person=person,
            reply=html(outcome.reply),
        )
        page.headers["Retry-After"] = str(outcome.retry_after)
        return page
    return panel.page(
        request,
        "refused.html",
        status=403,
        title=_("Not for you"),
        person=person,
        reply=html(outcome.reply),
    )


async def home(request: web.Request) -> web.StreamResponse:
    _panel, person, _ref = await who(request)
    raise web.HTTPSeeOther(landing(person))


async def me(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    actor = page_actor(ref, person.user_id)
    notice = None
    if request.method == "POST":
        notice = html((await panel.bot.handle(actor, intents.MeExport(), via="submit")).reply)
    page = await panel.bot.home(actor)
    streak = await panel.bot.handle(actor, intents.MeStreak())
    return panel.page(
        request,
        "me.html",
        title=_("Your page"),
        person=person,
        home=html(page),
        streak=html(streak.reply),
        notice=notice,
    )


async def team(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    view = await panel.bot.panel.team(
        page_actor(ref, person.user_id, request.match_info["channel"])
    )
    if isinstance(view, Outcome):
        return refused(panel, request, person, view)
    from adapters.web.overview import team_page

    session = panel.sessions.read(request)
    if session is None or not session.notice:
        return team_page(panel, request, person, view)
    told = escape(session.notice)  # said once: the session forgets it
    return team_page(
        panel, request, person, view, notice=told, session=replace(session, notice=None)
    )


async def reflections(request: web.Request) -> web.StreamResponse:
    """What teachers shared with the team and its facilitators, through `/plc reflections`'
    own intent: the same role check, the same audit entry; private reflections never."""
    panel, person, ref = await who(request)
    actor = page_actor(ref, person.user_id, request.match_info["channel"])
    outcome = await panel.bot.handle(actor, intents.ListReflections(), via="submit")
    if not outcome.ok:
        return refused(panel, request, person, outcome)
    return panel.page(
        request,
        "reply.html",
        title=_("Reflections"),
        person=person,
        reply=html(outcome.reply, level=1),
    )


def routes() -> list[web.RouteDef]:
    from adapters.web.schedules import community, schedule_add

    return [
        web.get("/", home),
        web.get("/me", me),
        web.post("/me/export", me),
        web.get("/teams/{channel}", team),
        web.get("/teams/{channel}/reflections", reflections),
        web.get("/community", community),
        web.post("/community/schedules", schedule_add),
    ]
