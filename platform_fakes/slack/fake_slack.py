"""A wire-level fake Slack on 127.0.0.1: the Web API at /api/<method>, response URLs at
/respond/<n>, and the Socket Mode websocket at /link. The real slack-bolt and slack_sdk talk
to it unchanged (base_url only). It records every call and enforces Slack's rules:

- a trigger_id is valid for 3 seconds and once (expired_trigger_id, exchanged_trigger_id);
- chat.postMessage: about `post_rate` messages a second per channel with a short burst,
  then 429 with Retry-After;
- Block Kit limits (section text 3,000 characters, ...) -> invalid_blocks;
- message text past 40,000 characters is truncated;
- an envelope pushed over the websocket must be acked within 3 seconds;
- a revoked or unknown token -> invalid_auth.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from platform_fakes.slack.fake_socket import SocketModeSide
from platform_fakes.slack.fake_webapi import Call, Posted, WebApiMethods, Workspace

__all__ = ["Call", "FakeSlack", "Posted", "Workspace"]
NO_TOKEN_METHODS = {"oauth.v2.access"}


@dataclass
class LimitedStretch:
    """A stretch of time in which every call of a method is refused with 429 + Retry-After."""

    after: int  # it begins once this many calls of the method have been accepted
    seconds: float
    retry_after: int
    began: float | None = None


class FakeSlack(WebApiMethods, SocketModeSide):
    def __init__(
        self,
        *,
        post_rate: float = 1.0,
        post_burst: int = 4,
        client_id: str = "111.222",
        client_secret: str = "shh",
    ) -> None:
        self.post_interval = 1.0 / post_rate
        self.post_tolerance = (post_burst - 1) * self.post_interval + 0.05
        self.client_id, self.client_secret = client_id, client_secret
        self.calls: list[Call] = []
        self.messages: list[Posted] = []
        self.ephemerals: list[dict[str, Any]] = []
        self.views: list[dict[str, Any]] = []  # views.open and views.publish arguments
        self.responses: dict[str, list[dict[str, Any]]] = {}  # response URL id -> bodies posted
        self.responded: list[tuple[str, dict[str, Any]]] = []  # (response URL id, body), in order
        self._posted: dict[tuple[str, str], Posted] = {}  # the messages by (channel, ts)
        self.acks: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}  # uploaded files by id: name, bytes, channel
        self.workspaces: dict[str, Workspace] = {}  # by token
        self._codes: dict[str, Workspace] = {}
        self._triggers: dict[str, tuple[float, bool]] = {}
        self._due: dict[str, float] = {}  # per-channel theoretical arrival time (rate limit)
        self._fail: dict[str, list[tuple[int, int]]] = {}
        self._stretches: dict[str, LimitedStretch] = {}
        self._ids = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._ack_waiters: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._connected = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ---- lifecycle -----------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.add_routes(
            [
                web.post("/api/{method}", self._api),
                web.post("/respond/{id}", self._respond),
                web.post("/upload/{id}", self._upload),
                web.get("/download/{id}", self._download),
                web.get("/link", self._socket),
            ]
        )
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # ---- what a test sets up ----------------------------------------------------------------

    def add_workspace(self, team_id: str, *, enterprise_id: str | None = None) -> Workspace:
        workspace = Workspace(
            team_id, f"xoxb-{team_id}-{uuid.uuid4().hex[:12]}", f"UB{team_id}", enterprise_id
        )
        workspace.name = f"School {team_id}"
        self.workspaces[workspace.token] = workspace
        return workspace

    def install_code(self, team_id: str) -> str:
        """A code the OAuth redirect will carry; exchanging it installs the app in `team_id`."""
        code = f"code-{team_id}-{next(self._ids)}"
        self._codes[code] = Workspace(
            team_id, f"xoxb-{team_id}-{uuid.uuid4().hex[:12]}", f"UB{team_id}"
        )
        return code

    def revoke(self, team_id: str) -> None:
        for token, workspace in list(self.workspaces.items()):
            if workspace.team_id == team_id:
                del self.workspaces[token]

    def new_trigger(self, *, age: float = 0.0) -> str:
        trigger = f"{next(self._ids)}.{uuid.uuid4().hex[:8]}"
        self._triggers[trigger] = (time.monotonic() - age, False)
        return trigger

    def response_url(self) -> str:
        key = str(next(self._ids))
        self.responses[key] = []
        return f"{self.url}/respond/{key}"

    def fail_next(
        self, method: str, times: int = 1, *, status: int = 429, retry_after: int = 1
    ) -> None:
        self._fail.setdefault(method, []).extend([(status, retry_after)] * times)

    def rate_limit(self, method: str, *, after: int, seconds: float, retry_after: int = 1) -> None:
        """Once `after` calls of `method` have been accepted, refuse every call of it for
        `seconds` with 429 and `Retry-After: retry_after`, however well the caller waits: a
        workspace over its limit, in the middle of a burst, as Slack does it."""
        self._stretches[method] = LimitedStretch(after, seconds, retry_after)

    # ---- what a test reads ---------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def in_channel(self, channel: str) -> list[Posted]:
        return [m for m in self.messages if m.channel == channel]

    def responses_to(self, url: str) -> list[dict[str, Any]]:
        return self.responses[url.rsplit("/", 1)[1]]

    async def until(self, condition: Callable[[], Any], within: float = 5.0) -> Any:
        deadline = time.monotonic() + within
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError("the fake Slack did not see what the test waited for")
            await asyncio.sleep(0.02)

    # ---- the Web API -----------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        else:
            args.update(await request.post())
        call = Call(method, args, dict(request.headers))
        self.calls.append(call)
        stretch = self._stretches.get(method)
        if stretch is not None:
            now = time.monotonic()
            if stretch.began is None and stretch.after <= sum(
                1 for c in self.calls if c.method == method and c.ok
            ):
                stretch.began = now
            if stretch.began is not None and now < stretch.began + stretch.seconds:
                return self._refuse(call, 429, stretch.retry_after)
        planned = self._fail.get(method)
        if planned:
            status, retry_after = planned.pop(0)
            return self._refuse(call, status, retry_after)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or args.get(
            "token", ""
        )
        if method == "apps.connections.open":
            if not str(token).startswith("xapp-"):
                return self._error(call, "invalid_auth")
            return self._ok(call, url=self.url.replace("http://", "ws://") + "/link")
        workspace = self.workspaces.get(str(token))
        if workspace is None and method not in NO_TOKEN_METHODS:
            return self._error(call, "invalid_auth")
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return self._error(call, "unknown_method")
        response: web.Response = await handler(call, workspace, request)
        return response

    # ---- response URLs -----------------------------------------------------------------------

    async def _respond(self, request: web.Request) -> web.Response:
        key = request.match_info["id"]
        if key not in self.responses:
            return web.Response(status=404, text="no_such_response_url")
        body = await request.json()
        self.responses[key].append(body)
        self.responded.append((key, body))
        return web.Response(text="ok")
