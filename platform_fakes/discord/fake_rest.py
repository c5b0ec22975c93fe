"""The fake's REST routes: login, the gateway URL, command sync, channel messages, DMs,
interaction callbacks and webhook follow-ups, each checked against Discord's rules."""

from __future__ import annotations

import json
import re
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from platform_fakes.discord import fake_payloads as p
from platform_fakes.discord.fake_rules import (
    command_problems,
    invalid_form_body,
    message_problems,
    modal_problems,
)

if TYPE_CHECKING:
    from platform_fakes.discord.fake_discord import Call, FakeDiscord
    from platform_fakes.discord.fake_interactions import Interaction

JSON = "application/json"
EPHEMERAL, LOADING = 64, 128
ATTACHMENTS_MAX = 10 * 1024 * 1024
UNKNOWN_INTERACTION, ALREADY_ACKNOWLEDGED, UNKNOWN_WEBHOOK = 10062, 40060, 10015
UNKNOWN_CHANNEL, UNKNOWN_MESSAGE = 10003, 10008


class RestRoutes:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.table: list[tuple[str, re.Pattern[str], Any, bool]] = []
        for method, path, handler, authed in (
            ("GET", r"/users/@me", self.me, True),
            ("GET", r"/oauth2/applications/@me", self.application, True),
            ("GET", r"/gateway/bot", self.gateway_bot, True),
            ("GET", r"/gateway", self.gateway, False),
            ("PUT", r"/applications/(?P<app>\d+)/commands", self.sync, True),
            ("PUT", r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands", self.sync, True),
            ("POST", r"/channels/(?P<channel>\d+)/messages", self.post_message, True),
            (
                "PATCH",
                r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)",
                self.edit_message,
                True,
            ),
            ("POST", r"/users/@me/channels", self.open_dm, True),
            (
                "PUT",
                r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)/reactions/(?P<emoji>[^/]+)/@me",
                self.react,
                True,
            ),
            ("POST", r"/interactions/(?P<ix>\d+)/(?P<token>[^/]+)/callback", self.callback, False),
            ("POST", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)", self.follow_up, False),
            (
                "PATCH",
                r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/@original",
                self.edit_original,
                False,
            ),
        ):
            self.table.append((method, re.compile(path), handler, authed))

    async def route(self, request: web.Request, call: Call) -> web.Response:
        for method, pattern, handler, authed in self.table:
            m = pattern.fullmatch(call.path)
            if m and method == call.method:
                if authed and request.headers.get("Authorization") != f"Bot {self.fake.token}":
                    return _fail(401, 0, "401: Unauthorized")
                response: web.Response = await handler(call, **m.groupdict())
                return response
        return _fail(404, 0, "404: Not Found")

    # ---- login and gateway ------------------------------------------------------------------

    async def me(self, call: Call) -> web.Response:
        return _ok(self.fake.bot_user)

    async def application(self, call: Call) -> web.Response:
        return _ok(p.app_info(self.fake.app_id, self.fake.owner))

    async def gateway_bot(self, call: Call) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _ok({"url": self.fake.gateway_url, "shards": 1, "session_start_limit": limit})

    async def gateway(self, call: Call) -> web.Response:
        return _ok({"url": self.fake.gateway_url})

    async def sync(self, call: Call, app: str, guild: str | None = None) -> web.Response:
        commands = call.body or []
        problems = command_problems(commands)
        if int(app) != self.fake.app_id:
            problems.append("application id is not this bot's")
        if problems:
            return _ok(invalid_form_body(problems), 400)
        stored = []
        for command in commands:
            entry = {
                **command,
                "id": str(p.snowflake()),
                "application_id": app,
                "version": str(p.snowflake()),
            }
            entry.setdefault("default_member_permissions", None)
            if guild:
                entry["guild_id"] = guild
            stored.append(entry)
        self.fake.commands[int(guild) if guild else None] = stored
        return _ok(stored)

    # ---- channel messages and DMs -----------------------------------------------------------

    async def post_message(self, call: Call, channel: str) -> web.Response:
        target = self.fake.channels.get(int(channel))
        if target is None:
            return _fail(404, UNKNOWN_CHANNEL, "Unknown Channel")
        if sum(len(content) for _, content in call.files) > ATTACHMENTS_MAX:
            return _fail(413, 40005, "Request entity too large")
        body = {**(call.body or {}), "attachments": [_attachment(n, c) for n, c in call.files]}
        problems = message_problems(body, creating=True)
        if problems:
            return _ok(invalid_form_body(problems), 400)
        guild = int(target["guild_id"]) if "guild_id" in target else None
        return _ok(self._store(int(channel), body, guild))

    async def edit_message(self, call: Call, channel: str, message: str) -> web.Response:
        stored = self.fake.messages.get(int(message))
        if stored is None or stored["channel_id"] != channel:
            return _fail(404, UNKNOWN_MESSAGE, "Unknown Message")
        problems = message_problems(call.body or {}, creating=False)
        if problems:
            return _ok(invalid_form_body(problems), 400)
        return _ok(_edit(stored, call.body or {}))

    async def react(self, call: Call, channel: str, message: str, emoji: str) -> web.Response:
        stored = self.fake.messages.get(int(message))
        if stored is None or stored["channel_id"] != channel:
            return _fail(404, UNKNOWN_MESSAGE, "Unknown Message")
        stored.setdefault("reactions", []).append({"emoji": {"name": emoji}, "me": True})
        return web.Response(status=204)

    async def open_dm(self, call: Call) -> web.Response:
        user_id = int((call.body or {}).get("recipient_id", 0))
        if user_id not in self.fake.users:
            return _fail(400, 50007, "Cannot send messages to this user")
        return _ok(self.fake.channels[self.fake.dm_channel_of(user_id)])

    def _store(self, channel: int, body: p.Json, guild: int | None, flags: int = 0) -> p.Json:
        message = p.message(
            p.snowflake(), channel, self.fake.bot_user, body, guild_id=guild, flags=flags
        )
        self.fake.messages[int(message["id"])] = message
        return message

    # ---- interactions -------------------------------------------------------------------------

    async def callback(self, call: Call, ix: str, token: str) -> web.Response:
        interaction = self.fake.interactions.get(int(ix))
        body = call.body or {}
        if interaction is None or interaction.token != token or self._late(interaction):
            response = _fail(404, UNKNOWN_INTERACTION, "Unknown interaction")
        elif interaction.initial is not None:
            response = _fail(
                400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged."
            )
        else:
            response = self._accept(interaction, body)
        if interaction is not None:
            interaction.attempts.append((response.status, body))
        return response

    def _late(self, interaction: Interaction) -> bool:
        return time.monotonic() - interaction.created > self.fake.deadline

    def _accept(self, interaction: Interaction, body: p.Json) -> web.Response:
        kind, data = body.get("type"), body.get("data") or {}
        problems = []
        if kind in (4, 7):
            problems = message_problems(data, creating=kind == 4)
        elif kind == 9:
            problems = modal_problems(data)
            if interaction.kind == 5:
                problems.append("a modal cannot answer a modal submission")
        elif kind not in (5, 6):
            problems = [f"response type {kind} is not supported by the fake"]
        if problems:
            return _ok(invalid_form_body(problems), 400)
        interaction.initial = body
        ephemeral = bool(int(data.get("flags") or 0) & EPHEMERAL)
        message = None
        if kind == 4:
            message = self._store(interaction.channel_id, data, interaction.guild_id)
        elif kind == 5:
            loading = LOADING | (EPHEMERAL if ephemeral else 0)
            message = self._store(interaction.channel_id, {}, interaction.guild_id, loading)
        elif kind == 7 and "message" in interaction.payload:
            message = _edit(self.fake.messages[int(interaction.payload["message"]["id"])], data)
        interaction.original = message
        if kind in (4, 7, 9):
            interaction.answered.set()
        result: p.Json = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.kind,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": ephemeral,
            },
            "resource": {"type": kind},
        }
        if message is not None:
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"]["message"] = message
        return _ok(result)

    def _by_token(self, app: str, token: str) -> Interaction | None:
        found = next((i for i in self.fake.interactions.values() if i.token == token), None)
        if found is None or int(app) != self.fake.app_id or found.initial is None:
            return None
        if time.monotonic() - found.created > self.fake.follow_up_window:
            return None
        return found

    async def follow_up(self, call: Call, app: str, token: str) -> web.Response:
        interaction = self._by_token(app, token)
        if interaction is None:
            return _fail(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        body = call.body or {}
        problems = message_problems(body, creating=True)
        if problems:
            return _ok(invalid_form_body(problems), 400)
        original = interaction.original
        if interaction.deferred and original is not None and original["flags"] & LOADING:
            original["flags"] &= ~LOADING  # the first follow-up fills the "thinking" message
            message = _edit(original, body)
        else:
            flags = int(body.get("flags") or 0) & EPHEMERAL
            message = self._store(interaction.channel_id, body, interaction.guild_id, flags)
        interaction.followups.append(message)
        interaction.answered.set()
        return _ok(message)

    async def edit_original(self, call: Call, app: str, token: str) -> web.Response:
        interaction = self._by_token(app, token)
        if interaction is None or interaction.original is None:
            return _fail(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        problems = message_problems(call.body or {}, creating=False)
        if problems:
            return _ok(invalid_form_body(problems), 400)
        interaction.original["flags"] &= ~LOADING
        message = _edit(interaction.original, call.body or {})
        interaction.answered.set()
        return _ok(message)


def _attachment(name: str, content: bytes) -> p.Json:
    attachment_id = p.snowflake()
    url = f"https://cdn.discordapp.com/attachments/{attachment_id}/{name}"
    return {
        "id": str(attachment_id),
        "filename": name,
        "size": len(content),
        "url": url,
        "proxy_url": url,
    }


def _edit(stored: p.Json, body: p.Json) -> p.Json:
    for key in ("content", "embeds", "components"):
        if key in body:
            stored[key] = body[key] or ([] if key != "content" else "")
    stored["edited_timestamp"] = p.now_iso()
    return stored


def respond(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with exactly `Content-Type: application/json`, which discord.py insists on."""
    body = b"" if data is None else json.dumps(data).encode()
    return web.Response(status=status, body=body, headers={"Content-Type": JSON, **(headers or {})})


def _ok(data: Any, status: int = 200) -> web.Response:
    return respond(data, status)


def _fail(status: int, code: int, message: str) -> web.Response:
    return respond({"code": code, "message": message}, status)
