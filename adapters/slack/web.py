"""HTTP mode's web server (aiohttp): one URL for events, commands and interactivity, the OAuth
install pages, and a health check. Every POST is signature-checked by Bolt."""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from adapters.slack.app import install_path, redirect_path
from adapters.slack.settings import SlackSettings


def web_app(app: AsyncApp, settings: SlackSettings, *, events: bool) -> web.Application:
    """`events=False` (Socket Mode) serves only the health check and the install pages."""

    async def dispatch(request: web.Request) -> web.Response:
        response = await app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def install(request: web.Request) -> web.Response:
        assert app.oauth_flow is not None
        return await to_aiohttp_response(
            await app.oauth_flow.handle_installation(await to_bolt_request(request))
        )

    async def oauth_redirect(request: web.Request) -> web.Response:
        assert app.oauth_flow is not None
        return await to_aiohttp_response(
            await app.oauth_flow.handle_callback(await to_bolt_request(request))
        )

    async def healthz(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    routes = [web.get("/healthz", healthz)]
    if events:
        routes.append(web.post(f"{settings.path_prefix}/events", dispatch))
    if app.oauth_flow is not None:
        routes.append(web.get(install_path(settings), install))
        routes.append(web.get(redirect_path(settings), oauth_redirect))
    application = web.Application()
    application.add_routes(routes)
    return application
