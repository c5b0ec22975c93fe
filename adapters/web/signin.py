"""Signing in and out. The local demo login works only on 127.0.0.1, never through a proxy,
and only when the panel was started without platform credentials; Slack and Discord sign-in are in adapters/web/oauth.py."""

from __future__ import annotations

from aiohttp import web

from adapters.web.app import PANEL
from bot.api import N_, Person, Role, _

LOOPBACK = ("127.0.0.1", "::1")
UNKNOWN = N_(
    "plcbot has not met you in this community yet. Use plcbot in chat first (for example "
    "/plc checkin in your team's channel), then sign in again."
)


async def signin_page(request: web.Request) -> web.StreamResponse:
    panel = request.app[PANEL]
    session = panel.sessions.read(request)
    if session is not None and session.signed_in:
        raise web.HTTPSeeOther("/me")
    return panel.page(
        request,
        "signin.html",
        title=_("Sign in"),
        demo=_demo_allowed(request),
        providers=sorted(panel.providers),
    )


# a request that came through a proxy: its `remote` is the proxy's, not the person's
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")


def _demo_allowed(request: web.Request) -> bool:
    if any(header in request.headers for header in PROXY_HEADERS):
        return False
    return request.app[PANEL].demo_community is not None and request.remote in LOOPBACK


async def demo_signin(request: web.Request) -> web.StreamResponse:
    panel = request.app[PANEL]
    if not _demo_allowed(request) or panel.demo_community is None:
        raise web.HTTPNotFound()
    user = str((await request.post()).get("user", "")).strip()
    return await sign_in(request, panel.demo_community, user)


async def sign_in(request: web.Request, community_id: str, user_id: str) -> web.StreamResponse:
    """The person the bot knows by these ids, signed in; or the polite refusal."""
    panel = request.app[PANEL]
    person = await panel.bot.panel.person(community_id, user_id) if user_id else None
    if person is None:
        return not_met(request)
    response = web.HTTPSeeOther(landing(person))
    panel.sessions.write(response, panel.sessions.fresh(community_id=community_id, user_id=user_id))
    raise response


def not_met(request: web.Request) -> web.Response:
    """The page for someone plcbot has not met in the community they signed in to."""
    return request.app[PANEL].page(
        request, "message.html", status=403, title=_("Use plcbot in chat first"), text=_(UNKNOWN)
    )


def landing(person: Person) -> str:
    """Where a person starts: admins on the community, facilitators on their team."""
    if person.is_admin:
        return "/community"
    for m in person.teams:
        if m.role >= Role.FACILITATOR:
            return f"/teams/{m.channel_id}"
    return "/me"


async def signout(request: web.Request) -> web.StreamResponse:
    panel = request.app[PANEL]
    response = web.HTTPSeeOther("/signin")
    panel.sessions.write(response, panel.sessions.fresh())
    raise response


def routes() -> list[web.RouteDef]:
    return [
        web.get("/signin", signin_page),
        web.post("/signin/demo", demo_signin),
        web.post("/signout", signout),
    ]
