"""A wire-level fake Discord on 127.0.0.1: REST under /api/v10 and a gateway websocket.

The real discord.py client talks to it unchanged (see `platform_fakes/discord/serving.py` for the two
URL overrides). It records every REST call (method, path, JSON body) and enforces Discord's
rules: the first interaction response within 3 s (else 404, code 10062), one initial response
per interaction, follow-ups within 15 minutes, content ≤ 2,000, embeds ≤ 6,000, modal text
inputs ≤ 4,000, valid command lists; and it can answer the next N calls of a route with 429
(with `Via` and a JSON `retry_after`, as Discord does)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from platform_fakes.discord import fake_payloads as p
from platform_fakes.discord.fake_gateway import Gateway
from platform_fakes.discord.fake_interactions import Interaction
from platform_fakes.discord.fake_rest import RestRoutes, respond
from platform_fakes.discord.fake_scenes import Scenes

TOKEN = "fake-bot-token"


@dataclass
class Call:
    method: str
    path: str  # after /api/v10
    query: dict[str, str]
    body: Any
    status: int = 0
    at: float = 0.0
    files: list[tuple[str, bytes]] = field(default_factory=list)  # multipart uploads


@dataclass
class Limit:
    method: str
    path: re.Pattern[str]
    remaining: int
    retry_after: float
    status: int = 429


class FakeDiscord(Scenes):
    deadline = 3.0  # seconds to the first interaction response
    follow_up_window = 15 * 60.0

    def __init__(self) -> None:
        self.app_id = p.snowflake()
        self.token = TOKEN
        self.bot_user = p.user(self.app_id, "plcbot", bot=True)
        self.owner = p.user(p.snowflake(), "owner")
        self.users: dict[int, p.Json] = {}
        self.guilds: dict[int, p.Guild] = {}
        self.channels: dict[int, p.Json] = {}
        self.dm_channels: dict[int, int] = {}  # user id → DM channel id
        self.messages: dict[int, p.Json] = {}
        self.commands: dict[int | None, list[p.Json]] = {}  # None: global
        self.interactions: dict[int, Interaction] = {}
        self.calls: list[Call] = []
        self.limits: list[Limit] = []
        self.files: dict[str, bytes] = {}  # attachments people sent, by id
        self.downloads: list[str] = []  # attachment ids the bot fetched
        self.port = 0
        self.gateway = Gateway(
            bot_user=self.bot_user,
            app_id=self.app_id,
            guilds=lambda: list(self.guilds.values()),
            resume_url=lambda: f"ws://127.0.0.1:{self.port}/resume",
        )
        self.rest = RestRoutes(self)
        self.changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None

    # ---- the server --------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/resume", self.gateway.handle)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        app.router.add_get("/attachments/{id}/{name}", self._attachment)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def attachment(self, filename: str, content_type: str, content: bytes) -> p.Json:
        """A file a person attached to a slash command: its payload, its bytes served here as
        Discord's CDN serves them."""
        file_id = str(p.snowflake())
        self.files[file_id] = content
        url = f"http://127.0.0.1:{self.port}/attachments/{file_id}/{filename}"
        return {
            "id": file_id,
            "filename": filename,
            "content_type": content_type,
            "size": len(content),
            "url": url,
            "proxy_url": url,
        }

    async def _attachment(self, request: web.Request) -> web.Response:
        content = self.files.get(request.match_info["id"])
        if content is None:
            return web.Response(status=404)
        self.downloads.append(request.match_info["id"])
        return web.Response(body=content, content_type="application/octet-stream")

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        files: list[tuple[str, bytes]] = []
        if request.content_type == "multipart/form-data":  # a message with attachments
            form = await request.post()
            body = json.loads(str(form["payload_json"]))
            for name, part in form.items():
                if name.startswith("files[") and isinstance(part, web.FileField):
                    files.append((part.filename, part.file.read()))
        else:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        call = Call(
            request.method, path, dict(request.query), body, at=time.monotonic(), files=files
        )
        self.calls.append(call)
        response = self._limited(call) or await self.rest.route(request, call)
        call.status = response.status
        async with self.changed:
            self.changed.notify_all()
        return response

    def _limited(self, call: Call) -> web.Response | None:
        for limit in self.limits:
            if (
                limit.remaining > 0
                and limit.method == call.method
                and limit.path.fullmatch(call.path)
            ):
                limit.remaining -= 1
                if limit.status != 429:
                    return respond({"code": 0, "message": "fake failure"}, limit.status)
                data = {
                    "message": "You are being rate limited.",
                    "retry_after": limit.retry_after,
                    "global": False,
                }
                headers = {
                    "Via": "1.1 google",
                    "Retry-After": str(max(1, round(limit.retry_after))),
                }
                return respond(data, 429, headers)
        return None

    # ---- what tests arrange ----------------------------------------------------------------

    def rate_limit(
        self, method: str, path: str, *, times: int = 1, retry_after: float = 0.3
    ) -> None:
        """Answer the next `times` calls of `method path` (a regex) with 429."""
        self.limits.append(Limit(method, re.compile(path), times, retry_after))

    def fail(self, method: str, path: str, *, status: int, times: int = 1) -> None:
        self.limits.append(Limit(method, re.compile(path), times, 0.0, status))

    def add_user(self, name: str) -> int:
        user_id = p.snowflake()
        self.users[user_id] = p.user(user_id, name)
        return user_id

    def add_guild(self, name: str, *, channels: int = 2, guild_id: int | None = None) -> p.Guild:
        guild = p.Guild(guild_id or p.snowflake(), name)
        for n in range(channels):
            channel_id = p.snowflake()
            guild.channels.append(channel_id)
            self.channels[channel_id] = p.text_channel(channel_id, guild.id, f"team-{n}", n)
        self.guilds[guild.id] = guild
        return guild

    def add_thread(self, parent_id: int, name: str = "a thread") -> int:
        thread_id = p.snowflake()
        self.channels[thread_id] = p.thread_channel(thread_id, self.channels[parent_id], name)
        return thread_id

    def dm_channel_of(self, user_id: int) -> int:
        if user_id not in self.dm_channels:
            channel_id = p.snowflake()
            self.dm_channels[user_id] = channel_id
            self.channels[channel_id] = p.dm_channel(channel_id, self.users[user_id])
        return self.dm_channels[user_id]

    # ---- what tests read ---------------------------------------------------------------------

    def calls_to(self, method: str, path: str) -> list[Call]:
        pattern = re.compile(path)
        return [c for c in self.calls if c.method == method and pattern.fullmatch(c.path)]

    def message_bodies(self) -> list[tuple[Call, p.Json]]:
        """Every call that carried a message the platform would show: posts, edits, interaction
        responses and follow-ups, with the message part of its body."""
        out: list[tuple[Call, p.Json]] = []
        for call in self.calls:
            if not isinstance(call.body, dict):
                continue
            if call.path.endswith("/callback"):
                if call.body.get("type") in (4, 7):
                    out.append((call, call.body.get("data") or {}))
            elif "/messages" in call.path or call.path.startswith("/webhooks/"):
                if call.method in ("POST", "PATCH"):
                    out.append((call, call.body))
        return out

    def posts_in(self, channel_id: int) -> list[p.Json]:
        return [
            m
            for m in self.messages.values()
            if m["channel_id"] == str(channel_id) and not m["flags"] & 64
        ]
