"""Drive the real Slack adapter as Slack would: payloads signed and POSTed in HTTP mode, or
pushed as envelopes over the fake's websocket in Socket Mode. One `Slack` API for both."""

from __future__ import annotations

import json
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.signature import SignatureVerifier

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.reading import blocks_text, escape

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
WORKING = "Working on it…"
BOUNDED = aiohttp.ClientTimeout(total=10)  # no request in these tests may hang


@dataclass
class Ack:
    status: int
    body: Any  # the JSON the app answered with, or text, or None
    seconds: float
    response_url: str = ""

    @property
    def blocks(self) -> list[dict[str, Any]]:
        return self.body.get("blocks", []) if isinstance(self.body, dict) else []

    @property
    def text(self) -> str:
        if isinstance(self.body, dict):
            return blocks_text(self.blocks) or str(self.body.get("text", ""))
        return str(self.body or "")


@dataclass
class Slack:
    """A workspace full of people, as the app sees them."""

    fake: FakeSlack
    mode: str  # "http" or "socket"
    app_url: str = ""
    team: str = "T1"
    timestamp_offset: float = 0.0
    secret: str = SECRET
    _session: aiohttp.ClientSession | None = field(default=None, repr=False)
    last_sent: tuple[str, dict[str, str]] = field(default=("", {}), repr=False)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    # ---- transport ----------------------------------------------------------------------

    async def _post(
        self, body: str, content_type: str, headers: dict[str, str] | None = None
    ) -> Ack:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=BOUNDED)
        stamp = str(int(time.time() + self.timestamp_offset))
        signature = SignatureVerifier(self.secret).generate_signature(timestamp=stamp, body=body)
        sent = {
            "content-type": content_type,
            "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature,
            **(headers or {}),
        }
        self.last_sent = (body, sent)
        return await self._send_signed(body, sent)

    async def replay(self) -> Ack:
        """The last HTTP request again, byte for byte, signature and timestamp included: what
        an attacker who captured it could send within Slack's five minutes."""
        body, sent = self.last_sent
        return await self._send_signed(body, sent)

    async def _send_signed(self, body: str, sent: dict[str, str]) -> Ack:
        assert self._session is not None
        start = time.monotonic()
        async with self._session.post(
            f"{self.app_url}/slack/events", data=body, headers=sent
        ) as response:
            raw = await response.text()
            seconds = time.monotonic() - start
            parsed: Any = raw
            if raw.startswith("{"):
                parsed = json.loads(raw)
            return Ack(response.status, parsed or None, seconds)

    async def send(self, kind: str, payload: dict[str, Any], *, retry: int | None = None) -> Ack:
        """kind: slash_commands, interactive or events_api."""
        if self.mode == "socket":
            start = time.monotonic()
            ack = await self.fake.push(kind, payload, retry_attempt=retry)
            return Ack(200, ack.get("payload"), time.monotonic() - start)
        if kind == "slash_commands":
            return await self._post(
                urllib.parse.urlencode(payload), "application/x-www-form-urlencoded"
            )
        if kind == "interactive":
            body = urllib.parse.urlencode({"payload": json.dumps(payload)})
            return await self._post(body, "application/x-www-form-urlencoded")
        headers = (
            {"x-slack-retry-num": str(retry), "x-slack-retry-reason": "http_timeout"}
            if retry
            else {}
        )
        return await self._post(json.dumps(payload), "application/json", headers)

    # ---- what people do --------------------------------------------------------------------

    async def command(
        self,
        user: str,
        text: str,
        *,
        channel: str = "C1",
        channel_name: str = "grade4",
        trigger: str | None = None,
        as_sent: bool = False,
    ) -> Ack:
        """`text` as typed (Slack escapes it), or `as_sent` when it is already Slack's form
        (`<@U123|maria>` for a mention, with should_escape on)."""
        response_url = self.fake.response_url()
        payload = {
            "token": "legacy",
            "team_id": self.team,
            "team_domain": "school",
            "channel_id": channel,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": user.lower(),
            "command": "/plc",
            "text": text if as_sent else escape(text),
            "api_app_id": "A0PLCBOT",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger or self.fake.new_trigger(),
        }
        ack = await self.send("slash_commands", payload)
        ack.response_url = response_url
        return ack

    async def reply(self, ack: Ack, within: float = 8.0) -> str:
        """The answer to a command: in the ack, or (after "Working on it…") at the response URL."""
        if ack.text and ack.text != WORKING:
            return ack.text
        bodies = await self.fake.until(lambda: self.fake.responses_to(ack.response_url), within)
        return blocks_text(bodies[-1].get("blocks", [])) or str(bodies[-1].get("text", ""))

    def _interaction(self, kind: str, user: str, **more: Any) -> dict[str, Any]:
        return {
            "type": kind,
            "team": {"id": self.team, "domain": "school"},
            "user": {"id": user, "team_id": self.team},
            "api_app_id": "A0PLCBOT",
            "token": "legacy",
            "enterprise": None,
            "is_enterprise_install": False,
            **more,
        }

    async def click(
        self,
        user: str,
        button: dict[str, Any],
        *,
        channel: str | None = "C1",
        ts: str = "1.0",
        trigger: str | None = None,
    ) -> Ack:
        container: dict[str, Any] = {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": False,
        }
        more: dict[str, Any] = {"container": container, "response_url": self.fake.response_url()}
        if channel is None:
            container = {"type": "view", "view_id": "VHOME"}
            more = {"container": container, "view": {"id": "VHOME", "type": "home"}}
        else:
            more["channel"] = {"id": channel, "name": "grade4"}
        action = {
            "type": "button",
            "action_id": button["action_id"],
            "block_id": "b1",
            "value": button.get("value", ""),
            "action_ts": f"{time.time():.6f}",
        }
        payload = self._interaction(
            "block_actions",
            user,
            trigger_id=trigger or self.fake.new_trigger(),
            actions=[action],
            **more,
        )
        return await self.send("interactive", payload)

    async def submit(self, user: str, view: dict[str, Any], answers: dict[str, str]) -> Ack:
        """Fill in a modal the app opened and press its submit button."""
        values: dict[str, Any] = {}
        for block in view["blocks"]:
            if block["type"] != "input":
                continue
            bid, element = block["block_id"], block["element"]
            answer = answers.get(bid, "")
            if element["type"] == "plain_text_input":
                values[bid] = {element["action_id"]: {"type": "plain_text_input", "value": answer}}
            else:
                option = next(o for o in element["options"] if o["value"] == answer)
                values[bid] = {
                    element["action_id"]: {"type": element["type"], "selected_option": option}
                }
        submitted = {**view, "id": "V1", "team_id": self.team, "state": {"values": values}}
        payload = self._interaction(
            "view_submission",
            user,
            trigger_id=self.fake.new_trigger(),
            view=submitted,
            response_urls=[],
        )
        return await self.send("interactive", payload)

    def event_body(self, event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
        return {
            "token": "legacy",
            "team_id": self.team,
            "api_app_id": "A0PLCBOT",
            "event": {"event_ts": f"{time.time():.6f}", **event},
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team,
                    "user_id": f"UB{self.team}",
                    "is_bot": True,
                }
            ],
        }

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> Ack:
        return await self.send("events_api", self.event_body(event, event_id=event_id), retry=retry)

    async def dm(self, user: str, text: str, **kw: Any) -> Ack:
        ts = f"{time.time():.6f}"
        message = {
            "type": "message",
            "channel": f"D{user}",
            "user": user,
            "text": escape(text),
            "ts": ts,
        }
        return await self.event({**message, "channel_type": "im"}, **kw)

    async def thread_reply(
        self, user: str, channel: str, thread_ts: str, text: str, **kw: Any
    ) -> Ack:
        ts = f"{time.time():.6f}"
        message = {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": escape(text),
            "ts": ts,
        }
        return await self.event(
            {**message, "thread_ts": thread_ts, "channel_type": "channel"}, **kw
        )

    async def open_home(self, user: str) -> Ack:
        return await self.event(
            {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"}
        )
