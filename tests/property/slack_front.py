"""The real Slack app as one community's front door in the trust property: slash commands,
clicks (crafted ids included), modal submissions, DM replies and thread replies are signed and
POSTed to the running Slack adapter (HTTP mode) by tests/slack/driver.py, and what each reader
was shown is read back from what the wire-level fake Slack received: channel posts and edits,
ephemerals, response-URL answers, command acks, modals, App Home pages, DMs and DM'd files."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from adapters.slack.runner import SlackAdapter
from adapters.slack.settings import SlackConfig
from bot.service import PlcBot
from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.driver import SECRET, Ack, Slack
from tests.slack.reading import blocks_text, buttons, escape, readable

TEAM = "G1"
SLACK = f"slack:{TEAM}"
MENTION = re.compile(r"@([a-z]+)\b")


@dataclass
class Shown:
    """Something the fake Slack received, and who could read it (None: the whole channel)."""

    reader: str | None
    channel: str | None  # None: a DM, a modal or the App Home
    text: str
    where: str
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (core action id, message ts)


def view_text(view: dict[str, Any]) -> str:
    """A modal or App Home as its reader sees it: its blocks, and what its inputs hold."""
    parts = [blocks_text(view.get("blocks") or [])]
    for block in view.get("blocks") or []:
        element = block.get("element") or {}
        parts.append(str(element.get("initial_value") or ""))
        parts.append(str((element.get("initial_option") or {}).get("text", {}).get("text", "")))
    return readable("\n".join(parts))


def core_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [str(b.get("value") or b["action_id"].split("#", 1)[0]) for b in buttons(blocks)]


class SlackFront:
    """One Slack workspace (team G1) served by the real Slack adapter, in HTTP mode."""

    def __init__(self) -> None:
        self.fake = FakeSlack(post_rate=1000, post_burst=1000)
        self.adapter: SlackAdapter | None = None
        self.slack: Slack | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._calls = self._posts = 0
        self._answered: dict[str, int] = {}  # response URL -> bodies already read
        self.owners: dict[str, tuple[str, str | None]] = {}  # response URL -> (user, channel)
        self.shown: list[Shown] = []  # what was received since the last `take`
        self.modals: dict[str, dict[str, Any]] = {}  # user -> the modal last opened for them

    async def start(self, bot: PlcBot) -> None:
        await self.fake.start()
        workspace = self.fake.add_workspace(TEAM)
        adapter = SlackAdapter(
            env={
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_HTTP_HOST": "127.0.0.1",
                "SLACK_BOT_TOKEN": workspace.token,
            },
            config=SlackConfig(port=0, channel_posts_per_second=1000),
            base_url=self.fake.api_url,
        )
        self.adapter = adapter
        self._task = asyncio.create_task(adapter.run(bot, self._stop))
        await asyncio.wait_for(adapter.started.wait(), 10)
        self.slack = Slack(self.fake, "http", app_url=f"http://127.0.0.1:{adapter.port}", team=TEAM)

    async def close(self) -> None:
        if self.slack is not None:
            await self.slack.close()
        self._stop.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, 15)
        await self.fake.stop()

    # ---- what people do ------------------------------------------------------------------

    async def settle(self) -> None:
        assert self.adapter is not None
        await self.adapter.background.drain()

    async def command(self, user: str, line: str, channel: str | None) -> None:
        assert self.slack is not None
        self.modals.pop(user, None)  # a modal this opens is the one their next Enter submits
        text = MENTION.sub(r"<@\1|\1>", escape(line.removeprefix("/plc").strip()))
        where = channel or f"D{user}"
        name = "directmessage" if channel is None else where.lower()
        ack = await self.slack.command(user, text, channel=where, channel_name=name, as_sent=True)
        self.owners[ack.response_url.rsplit("/", 1)[1]] = (user, channel)
        self.acked(user, channel, ack, "a slash command's answer")
        await self.settle()

    async def click(self, user: str, action_id: str, channel: str | None, ts: str) -> None:
        assert self.slack is not None
        self.modals.pop(user, None)
        before = set(self.fake.responses)
        button = {"action_id": f"{action_id}#0", "value": action_id}
        ack = await self.slack.click(user, button, channel=channel or f"D{user}", ts=ts)
        for key in set(self.fake.responses) - before:
            self.owners[key] = (user, channel)
        self.acked(user, channel, ack, "a click's answer")
        await self.settle()

    async def submit(self, user: str, text: str) -> str | None:
        """Type `text` in the last modal opened for `user` and press Enter: the choice the
        modal preselected is what is sent. Returns that choice (None: no modal to submit)."""
        assert self.slack is not None
        view = self.modals.pop(user, None)
        if view is None:
            return None
        inputs = [b for b in view["blocks"] if b.get("type") == "input"]
        choice = next((b for b in inputs if b.get("block_id") == "visibility"), None)
        typed = next(b["block_id"] for b in inputs if b.get("block_id") != "visibility")
        initial = ((choice or {}).get("element", {}).get("initial_option") or {}).get("value", "")
        values = {typed: text, "visibility": initial} if choice else {typed: text}
        ack = await self.slack.submit(user, view, values)
        self.acked(user, None, ack, "a form's answer")
        await self.settle()
        return str(initial)

    async def write(self, user: str, text: str, channel: str | None, thread: str | None) -> None:
        """A DM to the app (`channel` None), or a reply in a channel's thread."""
        assert self.slack is not None
        event: dict[str, Any] = {"type": "message", "user": user, "text": escape(text)}
        event["ts"] = f"{time.time():.6f}"
        if channel is None:
            event.update(channel=f"D{user}", channel_type="im")
        else:
            event.update(channel=channel, channel_type="channel")
        if thread is not None:
            event["thread_ts"] = thread
        await self.slack.event(event)
        await self.settle()

    async def open_home(self, user: str) -> None:
        assert self.slack is not None
        await self.slack.open_home(user)
        await self.settle()

    # ---- what the platform received ------------------------------------------------------

    def acked(self, user: str, channel: str | None, ack: Ack, where: str) -> None:
        if isinstance(ack.body, dict):
            blocks = ack.blocks
            text = readable(blocks_text(blocks) + "\n" + str(ack.body.get("text", "")))
            errors = json.dumps(ack.body.get("errors") or {})
            ids = [(i, "1.0") for i in core_ids(blocks)]
            self.shown.append(Shown(user, channel, text + errors, where, ids))

    def take(self, opener: str | None = None) -> list[Shown]:
        """What reached the fake since the last call, each with who could read it."""
        fake = self.fake
        for posted in fake.messages[self._posts :]:
            self.shown.append(self.posted(posted.channel, posted.ts, posted.blocks, posted.text))
        self._posts = len(fake.messages)
        for call in fake.calls[self._calls :]:
            if call.ok:
                self.called(call, opener)
        self._calls = len(fake.calls)
        for key, bodies in fake.responses.items():
            user, channel = self.owners.get(key, (None, None))
            for body in bodies[self._answered.get(key, 0) :]:
                blocks = body.get("blocks") or []
                text = readable(blocks_text(blocks) + "\n" + str(body.get("text", "")))
                reader = None if body.get("response_type") == "in_channel" else user
                ids = [(i, "1.0") for i in core_ids(blocks)]
                self.shown.append(Shown(reader, channel, text, "a response-URL answer", ids))
            self._answered[key] = len(bodies)
        taken, self.shown = self.shown, []
        return taken

    def posted(self, channel: str, ts: str, blocks: list[dict[str, Any]], text: str) -> Shown:
        body = readable(blocks_text(blocks) + "\n" + text)
        ids = [(i, ts) for i in core_ids(blocks)]
        if channel.startswith("D"):
            return Shown(channel[1:], None, body, "a direct message", ids)
        return Shown(None, channel, body, f"a post in {channel}", ids)

    def called(self, call: Any, opener: str | None) -> None:
        args = call.args
        if call.method == "chat.update":
            blocks = self.fake._blocks_of(call)
            self.shown.append(self.posted(args["channel"], args["ts"], blocks, ""))
        elif call.method == "chat.postEphemeral":
            blocks = self.fake._blocks_of(call)
            text = readable(blocks_text(blocks) + "\n" + str(args.get("text", "")))
            ids = [(i, "1.0") for i in core_ids(blocks)]
            self.shown.append(Shown(args["user"], args["channel"], text, "an ephemeral", ids))
        elif call.method in ("views.open", "views.publish"):
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            reader = args.get("user_id") or opener
            ids = [(i, "1.0") for i in core_ids(view.get("blocks") or [])]
            where = "a form" if call.method == "views.open" else "App Home"
            if call.method == "views.open" and reader is not None:
                self.modals[reader] = view
            self.shown.append(Shown(reader, None, view_text(view), where, ids))
        elif call.method == "files.completeUploadExternal":
            channel = str(args.get("channel_id", ""))
            for f in json.loads(args.get("files", "[]")):
                content = self.fake.files[f["id"]]["content"] or b""
                body = content.decode("utf-8", "replace")
                self.shown.append(Shown(channel[1:], None, body, "a DM'd file"))
