"""One Slack workspace as the simulation drives it: the real Slack adapter in HTTP mode, the
wire-level fake Slack (platform_fakes) in front of it, and people whose slash commands, clicks
and DMs are signed and POSTed as Slack would. Everything the fake received is read back as
what each reader saw: channel posts and edits, DMs, ephemerals, answers, DM'd files."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.signature import SignatureVerifier

from adapters.slack.runner import SlackAdapter
from adapters.slack.settings import SlackConfig
from bot.service import PlcBot
from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.reading import blocks_text, readable
from simulation.socket_drop import through_a_drop

SECRET = "5f0e2d1c9b8a7f6e5d4c3b2a19080706"  # noqa: S105 - a made-up signing secret
FORM = "application/x-www-form-urlencoded"
BOUNDED = aiohttp.ClientTimeout(total=30)
KEPT_TRIGGERS = 500  # far more than people act at one moment (simulation/lanes.py)


def shown_text(blocks: list[dict[str, Any]], fallback: Any) -> str:
    """What a person reads: the blocks when there are any (the text is then only the
    notification's fallback), else the text."""
    return readable(blocks_text(blocks)) if blocks else readable(str(fallback or ""))


def button_ids(blocks: list[dict[str, Any]]) -> list[str]:
    """The core's action id of every button, in order (Slack's action_id is `<id>#<n>`)."""
    found = [e for b in blocks if b.get("type") == "actions" for e in b.get("elements", [])]
    return [str(e.get("value") or e["action_id"].split("#", 1)[0]) for e in found]


@dataclass
class Seen:
    """Something the fake received. `user` None: a post in `channel` for all its members."""

    user: str | None
    channel: str | None
    text: str
    buttons: list[str] = field(default_factory=list)
    files: list[bytes] = field(default_factory=list)


class SlackWire:
    """`mode`: "http" (signed POSTs to the app's endpoint) or "socket" (Socket Mode: envelopes
    pushed over the websocket the app opened to the fake, acked back)."""

    def __init__(self, team: str, mode: str = "http") -> None:
        self.team = team
        self.mode = mode
        self.fake = FakeSlack(post_rate=10_000, post_burst=10_000)
        self.adapter: SlackAdapter | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._url = ""
        self._posts = self._calls = 0
        self._answered = 0  # the fake's response URL bodies taken
        self._owner: dict[str, str] = {}  # response URL id -> who asked
        self.seen: list[Seen] = []  # acks not yet taken
        self._events = 0
        self._triggers: dict[str, str] = {}  # trigger id -> who acted (a form opened is theirs)
        self.drop_next = False  # Socket Mode: the next event's connection drops before its ack
        self.drops = 0
        self.forms: dict[str, dict[str, Any]] = {}  # the form last opened for each person

    async def start(self, bot: PlcBot) -> None:
        assert self.adapter is not None
        self._task = asyncio.create_task(self.adapter.run(bot, self._stop))
        await asyncio.wait_for(self.adapter.started.wait(), 30)
        if self.mode == "socket":
            await self.fake.connected(30)
        self._url = f"http://127.0.0.1:{self.adapter.port}/slack/events"
        self._session = aiohttp.ClientSession(timeout=BOUNDED)

    async def build(self) -> SlackAdapter:
        await self.fake.start()
        workspace = self.fake.add_workspace(self.team)
        self.adapter = SlackAdapter(
            env={"SLACK_SIGNING_SECRET": SECRET, "SLACK_HTTP_HOST": "127.0.0.1"}
            | {"SLACK_BOT_TOKEN": workspace.token}
            | ({"SLACK_APP_TOKEN": "xapp-1-simulation"} if self.mode == "socket" else {}),
            config=SlackConfig(port=0, channel_posts_per_second=10_000),
            base_url=self.fake.api_url,
        )
        return self.adapter

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
        self._stop.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, 30)
        await self.fake.stop()

    # ---- what people do ----------------------------------------------------------------------

    async def _send(self, kind: str, payload: dict[str, Any]) -> Any:
        """kind: slash_commands, interactive or events_api. Returns what the app acked with."""
        if self.mode == "socket":
            assert self.adapter is not None
            if kind == "events_api" and self.drop_next:  # simulation/socket_drop.py
                self.drop_next = False
                return await through_a_drop(self, kind, payload)
            ack = await self.fake.push(kind, payload)
            await self.adapter.background.drain()
            return ack.get("payload")
        if kind == "events_api":
            return await self._post(json.dumps(payload), "application/json")
        if kind == "interactive":
            payload = {"payload": json.dumps(payload)}
        return await self._post(urllib.parse.urlencode(payload), FORM)

    async def _post(self, body: str, content_type: str) -> Any:
        stamp = str(int(time.time()))
        signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body) or ""
        headers = {
            "content-type": content_type,
            "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature,
        }
        raw = await self._deliver(body, headers)
        return json.loads(raw) if raw.startswith("{") else None

    async def _deliver(self, body: str, headers: dict[str, str]) -> str:
        """The app's answer to a signed POST, once its background work is done."""
        assert self._session is not None and self.adapter is not None
        async with self._session.post(self._url, data=body, headers=headers) as response:
            raw = await response.text()
        await self.adapter.background.drain()
        return raw

    def _trigger(self, user: str) -> str:
        """A new trigger id for what `user` does: the form opened with it is theirs. Only the
        latest few hundred are kept (a trigger is good for 3 s; a year makes tens of
        thousands)."""
        trigger = self.fake.new_trigger()
        self._triggers[trigger] = user
        while len(self._triggers) > KEPT_TRIGGERS:
            del self._triggers[next(iter(self._triggers))]
        return trigger

    async def command(self, user: str, channel: str, text: str) -> None:
        response_url = self.fake.response_url()
        self._owner[response_url.rsplit("/", 1)[1]] = user
        payload = {
            "token": "legacy",
            "team_id": self.team,
            "channel_id": channel,
            "channel_name": channel.lower(),
            "user_id": user,
            "user_name": user.lower(),
            "command": "/plc",
            "text": text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
            "api_app_id": "A0SIM",
            "response_url": response_url,
            "trigger_id": self._trigger(user),
        }
        self._acked(user, channel, await self._send("slash_commands", payload))

    async def click(self, user: str, channel: str, action_id: str) -> None:
        response_url = self.fake.response_url()
        self._owner[response_url.rsplit("/", 1)[1]] = user
        payload = self._interaction(
            "block_actions",
            user,
            container={"type": "message", "message_ts": "1.0", "channel_id": channel},
            channel={"id": channel, "name": channel.lower()},
            response_url=response_url,
            actions=[
                {
                    "type": "button",
                    "action_id": f"{action_id}#0",
                    "block_id": "b1",
                    "value": action_id,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        )
        self._acked(user, channel, await self._send("interactive", payload))

    def _interaction(self, kind: str, user: str, **more: Any) -> dict[str, Any]:
        return {
            "type": kind,
            "team": {"id": self.team, "domain": "school"},
            "user": {"id": user, "team_id": self.team},
            "api_app_id": "A0SIM",
            "token": "legacy",
            "trigger_id": self._trigger(user),
            **more,
        }

    async def dm(self, user: str, text: str) -> None:
        """A message to the app in the person's DM with it (Events API, message.im)."""
        self._acked(user, f"D{user}", await self._message(user, f"D{user}", "im", text))

    async def in_thread(self, user: str, channel: str, thread_ts: str, text: str) -> None:
        """A reply in the thread of the bot's post `thread_ts` in `channel` (Events API)."""
        await self._message(user, channel, "channel", text, thread_ts=thread_ts)

    async def _message(self, user: str, channel: str, kind: str, text: str, **more: str) -> Any:
        """Returns what the app acked the message event with."""
        self._events += 1
        now = f"{time.time():.6f}"
        body = {
            "token": "legacy",
            "team_id": self.team,
            "api_app_id": "A0SIM",
            "type": "event_callback",
            "event_id": f"EvSIM{self._events:08d}",
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "channel": channel,
                "channel_type": kind,
                "user": user,
                "text": text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
                "ts": now,
                "event_ts": now,
                **more,
            },
            "authorizations": [{"team_id": self.team, "user_id": f"UB{self.team}", "is_bot": True}],
        }
        return await self._send("events_api", body)

    async def submit(self, user: str, view: dict[str, Any], values: dict[str, Any]) -> None:
        """`user` presses a form's submit button with `values` (block id -> its element's
        state) filled in."""
        submitted = {**view, "id": "VSIM", "team_id": self.team, "state": {"values": values}}
        payload = self._interaction("view_submission", user, view=submitted, response_urls=[])
        await self._send("interactive", payload)

    # ---- what the fake received ----------------------------------------------------------------

    def _acked(self, user: str, channel: str, ack: Any) -> None:
        if isinstance(ack, dict) and (ack.get("blocks") or ack.get("text")):
            text = shown_text(ack.get("blocks") or [], ack.get("text"))
            self.seen.append(Seen(user, channel, text, button_ids(ack.get("blocks") or [])))

    def take(self) -> list[Seen]:
        """What reached the fake Slack since the last call."""
        fake, out = self.fake, self.seen
        self.seen = []
        for m in fake.messages[self._posts :]:
            text = shown_text(m.blocks, m.text)
            who = m.channel[1:] if m.channel.startswith("D") else None
            out.append(Seen(who, None if who else m.channel, text, button_ids(m.blocks)))
        self._posts = len(fake.messages)
        for call in fake.calls[self._calls :]:
            if call.ok:
                out += self._called(call)
        self._calls = len(fake.calls)
        for key, body in fake.responded[self._answered :]:  # only the new ones, in order
            blocks = body.get("blocks") or []
            text = shown_text(blocks, body.get("text"))
            user = None if body.get("response_type") == "in_channel" else self._owner.get(key)
            out.append(Seen(user, None, text, button_ids(blocks)))
        self._answered = len(fake.responded)
        return out

    def _called(self, call: Any) -> list[Seen]:
        args = call.args
        if call.method == "chat.update":
            blocks, channel = self.fake._blocks_of(call), str(args["channel"])
            if channel.startswith("D"):
                return [Seen(channel[1:], None, shown_text(blocks, ""))]
            return [Seen(None, channel, shown_text(blocks, ""))]
        if call.method == "chat.postEphemeral":
            blocks = self.fake._blocks_of(call)
            text = shown_text(blocks, args.get("text"))
            return [Seen(args["user"], args["channel"], text, button_ids(blocks))]
        if call.method == "views.open":  # a form, opened for whoever its trigger came from
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            user = self._triggers.pop(str(args.get("trigger_id", "")), "")
            self.forms[user] = view
            return [Seen(user, None, shown_text(view.get("blocks") or [], ""))]
        if call.method == "files.completeUploadExternal":
            channel = str(args.get("channel_id", ""))
            files = [self.fake.files[f["id"]]["content"] or b"" for f in json.loads(args["files"])]
            return [Seen(channel[1:], None, "", files=files)]
        return []
