"""The Web API methods the fake Slack answers, each enforcing Slack's documented rules.
Mixed into FakeSlack, which holds the state they read and write."""

from __future__ import annotations

import base64
import itertools
import json
import math
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from platform_fakes.slack.fake_blocks import block_problems, view_problems

TEXT_TRUNCATE = 40_000  # Slack truncates message text past this
TRIGGER_TTL = 3.0  # a trigger_id is good for 3 seconds, once


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    error: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None


@dataclass
class Workspace:
    team_id: str
    token: str
    bot_user_id: str
    enterprise_id: str | None = None
    name: str = ""


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None
    token: str
    history: list[dict[str, Any]] = field(default_factory=list)  # earlier versions (chat.update)


class WebApiMethods:
    url: str
    client_id: str
    client_secret: str
    post_interval: float
    post_tolerance: float
    calls: list[Call]
    messages: list[Posted]
    _posted: dict[tuple[str, str], Posted]
    ephemerals: list[dict[str, Any]]
    views: list[dict[str, Any]]
    files: dict[str, dict[str, Any]]
    workspaces: dict[str, Workspace]
    _codes: dict[str, Workspace]
    _triggers: dict[str, tuple[float, bool]]
    _due: dict[str, float]
    _ids: itertools.count[int]

    def _ok(self, call: Call, **body: Any) -> web.Response:
        return web.json_response({"ok": True, **body})

    def _error(self, call: Call, error: str, **more: Any) -> web.Response:
        call.error = error
        return web.json_response({"ok": False, "error": error, **more})

    def _refuse(self, call: Call, status: int, retry_after: int) -> web.Response:
        call.status = status
        call.error = "ratelimited" if status == 429 else "fatal_error"
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        return web.json_response({"ok": False, "error": call.error}, status=status, headers=headers)

    def _blocks_of(self, call: Call) -> list[dict[str, Any]]:
        blocks = call.args.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks

    async def _auth_test(self, call: Call, ws: Workspace, request: web.Request) -> web.Response:
        return self._ok(
            call,
            url=f"https://{ws.team_id.lower()}.slack.test/",
            team=ws.name,
            user="plcbot",
            team_id=ws.team_id,
            user_id=ws.bot_user_id,
            bot_id=f"B{ws.team_id}",
            enterprise_id=ws.enterprise_id,
            is_enterprise_install=False,
        )

    def _message_checks(self, call: Call) -> tuple[list[dict[str, Any]], str] | web.Response:
        blocks = self._blocks_of(call)
        problems = block_problems(blocks)
        if problems:
            return self._error(call, "invalid_blocks", errors=problems)
        text = str(call.args.get("text") or "")
        if not text and not blocks:
            return self._error(call, "no_text")
        return blocks, text[:TEXT_TRUNCATE]

    async def _chat_postMessage(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        channel = str(call.args.get("channel", ""))
        now = time.monotonic()
        due = max(self._due.get(channel, now), now)
        if due - self.post_tolerance > now:
            return self._refuse(call, 429, max(1, math.ceil(due - self.post_tolerance - now)))
        checked = self._message_checks(call)
        if isinstance(checked, web.Response):
            return checked
        self._due[channel] = due + self.post_interval
        blocks, text = checked
        ts = f"{int(time.time())}.{next(self._ids):06d}"
        thread_ts = call.args.get("thread_ts")
        posted = Posted(channel, ts, text, blocks, thread_ts, ws.token)
        self.messages.append(posted)
        self._posted[(channel, ts)] = posted
        return self._ok(call, channel=channel, ts=ts, message={"text": text, "ts": ts})

    async def _chat_update(self, call: Call, ws: Workspace, request: web.Request) -> web.Response:
        channel, ts = call.args.get("channel"), call.args.get("ts")
        found = self._posted.get((str(channel), str(ts)))
        if found is None:
            return self._error(call, "message_not_found")
        checked = self._message_checks(call)
        if isinstance(checked, web.Response):
            return checked
        found.history.append({"text": found.text, "blocks": found.blocks})
        found.blocks, found.text = checked
        return self._ok(call, channel=channel, ts=ts, text=found.text)

    async def _chat_postEphemeral(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        checked = self._message_checks(call)
        if isinstance(checked, web.Response):
            return checked
        blocks, text = checked
        self.ephemerals.append({**call.args, "blocks": blocks, "text": text, "token": ws.token})
        return self._ok(call, message_ts=f"{int(time.time())}.{next(self._ids):06d}")

    async def _conversations_open(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        return self._ok(call, channel={"id": f"D{call.args.get('users', '')}"})

    async def _views_open(self, call: Call, ws: Workspace, request: web.Request) -> web.Response:
        trigger = str(call.args.get("trigger_id", ""))
        issued = self._triggers.get(trigger)
        if issued is None:
            return self._error(call, "invalid_trigger_id")
        at, used = issued
        if used:
            return self._error(call, "exchanged_trigger_id")
        if time.monotonic() - at > TRIGGER_TTL:
            return self._error(call, "expired_trigger_id")
        self._triggers[trigger] = (at, True)
        return await self._view(call, ws)

    async def _views_publish(self, call: Call, ws: Workspace, request: web.Request) -> web.Response:
        return await self._view(call, ws)

    async def _view(self, call: Call, ws: Workspace) -> web.Response:
        view = call.args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        problems = view_problems(view)
        if problems or not isinstance(view, dict):  # not a dict: view_problems said so
            return self._error(call, "invalid_arguments", response_metadata={"messages": problems})
        self.views.append({"method": call.method, **call.args, "view": view, "token": ws.token})
        return self._ok(call, view={"id": f"V{next(self._ids)}", **view})

    async def _oauth_v2_access(
        self, call: Call, ws: Workspace | None, request: web.Request
    ) -> web.Response:
        basic = request.headers.get("Authorization", "").removeprefix("Basic ")
        pair = base64.b64decode(basic).decode() if basic else ""
        pair = pair or f"{call.args.get('client_id')}:{call.args.get('client_secret')}"
        if pair != f"{self.client_id}:{self.client_secret}":
            return self._error(call, "invalid_client_id")
        installed = self._codes.pop(str(call.args.get("code")), None)
        if installed is None:
            return self._error(call, "invalid_code")
        installed.name = f"School {installed.team_id}"
        self.workspaces[installed.token] = installed
        return self._ok(
            call,
            app_id="A0PLCBOT",
            authed_user={"id": f"UADMIN{installed.team_id}"},
            scope="commands,chat:write,im:write,im:history,channels:history,groups:history,files:write,files:read",
            token_type="bot",
            access_token=installed.token,
            bot_user_id=installed.bot_user_id,
            team={"id": installed.team_id, "name": installed.name},
            enterprise=None,
            is_enterprise_install=False,
        )

    # ---- files (upload v2: get a URL, POST the bytes there, complete into a channel) ---------

    async def _files_getUploadURLExternal(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        file_id = f"F{next(self._ids)}"
        length = int(call.args.get("length", -1))
        self.files[file_id] = {
            "name": call.args.get("filename"),
            "length": length,
            "content": None,
            "channel": None,
        }
        return self._ok(call, upload_url=f"{self.url}/upload/{file_id}", file_id=file_id)

    async def _upload(self, request: web.Request) -> web.Response:
        found = self.files.get(request.match_info["id"])
        body = await request.read()
        if found is None or len(body) != found["length"]:
            return web.Response(status=400, text="bad upload")
        found["content"] = body
        return web.Response(text=f"OK - {len(body)}")

    async def _files_completeUploadExternal(
        self, call: Call, ws: Workspace, request: web.Request
    ) -> web.Response:
        listed = json.loads(call.args.get("files", "[]"))
        if not listed or any(self.files.get(f["id"], {}).get("content") is None for f in listed):
            return self._error(call, "file_not_found")
        for f in listed:
            self.files[f["id"]].update(channel=call.args.get("channel_id"), title=f.get("title"))
        return self._ok(call, files=[{"id": f["id"], "title": f.get("title")} for f in listed])

    # ---- files a person shared (a DM's attachment): served to a bot token only ------------

    def shared_file(self, name: str, mimetype: str, content: bytes) -> dict[str, Any]:
        """A file as a person's message carries it; its bytes at `url_private_download`."""
        file_id = f"F{next(self._ids)}"
        self.files[file_id] = {"name": name, "content": content, "channel": None, "shared": True}
        url = f"{self.url}/download/{file_id}"
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "size": len(content),
            "url_private": url,
            "url_private_download": url,
        }

    async def _download(self, request: web.Request) -> web.Response:
        """Slack answers a request without a workspace's token with its sign-in page."""
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        found = self.files.get(request.match_info["id"])
        if token not in self.workspaces or found is None or not found.get("shared"):
            return web.Response(status=403, text="<html>sign in</html>", content_type="text/html")
        self.calls.append(Call("files.download", {"id": request.match_info["id"]}, {}))
        return web.Response(body=found["content"], content_type="application/octet-stream")
