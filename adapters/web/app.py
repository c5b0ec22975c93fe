"""The panel's aiohttp application: routes, security headers, templates, sessions."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from adapters.web.language import accepted
from adapters.web.session import Session, Sessions, csrf_ok
from bot.api import N_, Person, PlcBot, _, languages, ngettext, speaking

HERE = Path(__file__).parent
log = logging.getLogger("plcbot.panel")

STYLESHEET = "/static/panel.css"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
FORM_OUT_OF_DATE = N_(
    "This form was out of date or came from elsewhere. Reload the page and try again."
)
PERSON = web.RequestKey[Person | None]("person")  # the signed-in person, read once a request
LANGUAGE = web.RequestKey[str]("language")  # the language its pages speak


def _templates() -> jinja2.Environment:
    """The panel's templates: every text through gettext (`_`, `ngettext`, `{% trans %}`),
    said in the language being spoken when the page renders."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as tools/i18n.py extracts them
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


@dataclass
class Panel:
    """What every handler needs. `demo_community`: the community the local demo login signs
    into (None: no demo login, as when platform credentials are set)."""

    bot: PlcBot
    sessions: Sessions
    demo_community: str | None = None
    providers: dict[str, Any] = field(default_factory=dict)  # sign-in providers by name
    public_url: str = ""  # where browsers reach the panel, ending in /; empty: the request's
    # the platforms this process can post to (None: every one); a person of another platform
    # is told on every page that what they change here is not posted in chat
    posting: tuple[str, ...] | None = None
    templates: jinja2.Environment = field(default_factory=_templates)
    default_language: str = "en"  # the community default: a browser asking for none we speak

    def page(
        self,
        request: web.Request,
        template: str,
        *,
        status: int = 200,
        session: Session | None = None,
        **values: Any,
    ) -> web.Response:
        """A rendered page; a signed-out visitor gets a session of their own for the CSRF token."""
        current = session or self.sessions.read(request) or self.sessions.fresh()
        platform = (current.community_id or "").partition(":")[0]
        unposted = self.posting is not None and bool(platform) and platform not in self.posting
        body = self.templates.get_template(template).render(
            session=current,
            csrf=current.csrf,
            unposted=unposted,
            lang=request.get(LANGUAGE, "en"),
            **values,
        )
        response = web.Response(text=body, status=status, content_type="text/html")
        self.sessions.write(response, current)
        return response


PANEL: web.AppKey[Panel] = web.AppKey("panel", Panel)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def guarded(handler: Handler) -> Handler:
    """A panel handler with the CSRF check on a POST, marked as the panel's (its responses get
    the security headers from `security_headers`)."""

    async def guarded_handler(request: web.Request) -> web.StreamResponse:
        request[LANGUAGE] = panel_language(request, await signed_in(request))
        with speaking(request[LANGUAGE]):
            return await _checked(request, handler)

    guarded_handler.panel = True  # type: ignore[attr-defined]
    return guarded_handler


async def signed_in(request: web.Request) -> Person | None:
    """The signed-in person as the bot knows them now (None: signed out, or forgotten since),
    kept on the request for the handler's `who`."""
    if PERSON in request:
        return request[PERSON]
    panel = request.app[PANEL]
    session = panel.sessions.read(request)
    person = None
    if session and session.community_id and session.user_id and request.path != STYLESHEET:
        person = await panel.bot.panel.person(session.community_id, session.user_id)
    request[PERSON] = person
    return person


def panel_language(request: web.Request, person: Person | None) -> str:
    """The language a page speaks, by chat's own ladder: the person's own choice (`/plc me
    language`), else the browser's first language we speak, else the community default."""
    if person is not None and person.language in languages():
        return person.language
    return (
        accepted(request.headers.get("Accept-Language", "")) or request.app[PANEL].default_language
    )


def _ours(request: web.Request) -> bool:
    """A panel route's request, or one no route took (404, 405): the panel's headers. On the
    Slack adapter's server its own routes keep their own."""
    info = request.match_info
    return info.http_exception is not None or getattr(info.handler, "panel", False)


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The panel's security headers on every response it makes, errors (404, 405, 500) too."""
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if _ours(request):
            error.headers.update(HEADERS)
        raise
    except Exception:
        if not _ours(request):
            raise
        log.exception("a panel page failed")
        with speaking(panel_language(request, request.get(PERSON))):
            sorry = _("Something went wrong on our side. Try again in a minute.")
        raise web.HTTPInternalServerError(text=sorry, headers=HEADERS) from None
    if _ours(request):
        response.headers.update(HEADERS)
    return response


async def _checked(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.method == "POST":
        panel = request.app[PANEL]
        form = await request.post()
        if not csrf_ok(panel.sessions.read(request), form.get("csrf")):
            return panel.page(
                request,
                "message.html",
                status=403,
                title=_("Form out of date"),
                text=_(FORM_OUT_OF_DATE),
            )
    return await handler(request)


async def stylesheet(request: web.Request) -> web.StreamResponse:
    return web.Response(body=(HERE / "static" / "panel.css").read_bytes(), content_type="text/css")


def install_panel(app: web.Application, panel: Panel) -> None:
    """The panel's routes on `app` (its own, or the Slack adapter's HTTP server)."""
    from adapters.web import (
        admin_pages,
        me_credentials,
        me_pages,
        oauth,
        overview,
        pages,
        signin,
        team_pages,
    )

    app[PANEL] = panel
    app.middlewares.append(security_headers)
    routes: list[web.RouteDef] = signin.routes() + oauth.routes() + pages.routes()
    routes += admin_pages.routes() + team_pages.routes() + me_pages.routes() + overview.routes()
    routes += me_credentials.routes()
    routes.append(web.get(STYLESHEET, stylesheet))
    app.add_routes([web.RouteDef(r.method, r.path, guarded(r.handler), r.kwargs) for r in routes])


def panel_app(
    bot: PlcBot,
    key: bytes,
    *,
    secure_cookies: bool = False,
    demo_community: str | None = None,
    providers: dict[str, Any] | None = None,
    public_url: str = "",
    now: Callable[[], float] = time.time,
) -> web.Application:
    app = web.Application()
    install_panel(
        app,
        Panel(
            bot,
            Sessions(key, secure=secure_cookies, now=now),
            demo_community,
            dict(providers or {}),
            public_url,
        ),
    )
    return app
