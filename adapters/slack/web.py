"""HTTP mode's web server (aiohttp): one URL for events, commands and interactivity, the OAuth
install pages, and a health check. Every POST's signature is checked here, before Bolt sees
it: Bolt logs the whole body of a request it refuses, and a body carries people's words.
The body is read, within BODY_SECONDS, and its signature checked
before the request asks for a slot: a slow or unsigned sender never holds one.

Requests go in to Bolt a few at a time, in the order they came (adapters/kit/admission.py),
each carrying the loop time it arrived (`ARRIVED` in Bolt's context), from which its ack
budget is counted. One that waited its whole budget for its turn (an overload) is answered at
once with what its listener would answer that late ("Working on it…" for a command, an empty
ack for the rest) and goes through Bolt after: hundreds of late requests each running Bolt
before their acks could go out would push the last of them past Slack's 3 seconds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from adapters.kit import Admission, Deadline
from adapters.kit.http import healthz
from adapters.slack.app import install_path, redirect_path
from adapters.slack.interactive import ARRIVED, WORKING
from adapters.slack.settings import SlackSettings
from bot.api import _

log = logging.getLogger(__name__)
PROCESS_HEADER = "X-Plcbot-Process"
BODY_SECONDS = 10.0  # the longest a POST's body may take to arrive (Slack's arrive at once)


def web_app(
    app: AsyncApp,
    settings: SlackSettings,
    *,
    events: bool,
    background: Deadline,
    admission: Admission | None = None,
    process: int = 0,
) -> web.Application:
    """`events=False` (Socket Mode) serves only the health check and the install pages.
    `background`: the deadline responder (its budget: the seconds after its arrival by which
    a request is answered or deferred). `process`: which of several processes on the port
    this is, said in every answer."""

    # Socket Mode has no signing secret and serves no signed requests.
    verifier = SignatureVerifier(settings.signing_secret) if events else None
    admission = admission or Admission()

    async def dispatch(request: web.Request) -> web.Response:
        arrived = asyncio.get_running_loop().time()
        if (refusal := await refused(verifier, request)) is not None:
            return refusal  # a slow or unsigned sender never holds a slot
        async with admission.slot(until=arrived + background.budget) as in_turn:
            bolt_request = await to_bolt_request(request)
            bolt_request.context[ARRIVED] = arrived
            late = None if in_turn else late_answer(bolt_request.body)
            if late is not None:
                background.spawn(app.async_dispatch(bolt_request))  # its own ack goes nowhere
                return late
            response = await app.async_dispatch(bolt_request)
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

    routes = [web.get("/healthz", healthz)]
    if events:
        routes.append(web.post(f"{settings.path_prefix}/events", dispatch))
    if app.oauth_flow is not None:
        routes.append(web.get(install_path(settings), install))
        routes.append(web.get(redirect_path(settings), oauth_redirect))
    middlewares = [_says_process(process)] if settings.http_processes > 1 else []
    application = web.Application(middlewares=middlewares)
    application.add_routes(routes)
    return application


def _says_process(process: int) -> Middleware:
    """X-Plcbot-Process on every answer: which of the processes sharing the port gave it."""

    @web.middleware
    async def says(request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await handler(request)
        response.headers[PROCESS_HEADER] = str(process)
        return response

    return says


def late_answer(body: Mapping[str, Any]) -> web.Response | None:
    """What a listener answers a request whose budget is spent (interactive.py, events.py),
    or None when only Bolt may answer it (Slack's URL check carries a challenge to echo)."""
    if "command" in body:
        return web.json_response({"response_type": "ephemeral", "text": _(WORKING)})
    kind = body.get("type")
    if kind == "url_verification":
        return None
    if kind == "view_submission":
        return web.json_response({"response_action": "clear"})
    return web.Response()  # a click, an event: acknowledged, answered when the core is done


async def refused(verifier: SignatureVerifier | None, request: web.Request) -> web.Response | None:
    """The answer to a request whose body does not arrive within BODY_SECONDS (408) or is not
    signed with our secret (401); None for one to admit (its body read, cached by aiohttp)."""
    try:
        if request.content.is_eof():  # all of it came with the headers (Slack's do): no wait
            body = await request.text()
        else:  # a timer per request costs the loop's timer heap; only a body on its way needs one
            async with asyncio.timeout(BODY_SECONDS):
                body = await request.text()
    except TimeoutError:
        log.info("refused a request whose body did not arrive in %s s", BODY_SECONDS)
        return web.json_response({"error": "request timeout"}, status=408)
    if verifier is None or not signed(verifier, request.headers, body):
        log.info("refused a request with a wrong or stale Slack signature (body not logged)")
        return web.json_response({"error": "invalid request"}, status=401)
    return None


def signed(verifier: SignatureVerifier, headers: Mapping[str, str], body: str) -> bool:
    """Signed with our secret, and at most five minutes old (Slack's rule)."""
    timestamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not timestamp.isdigit() or not signature:
        return False
    return verifier.is_valid(body=body, timestamp=timestamp, signature=signature)
