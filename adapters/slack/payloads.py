"""Slack payloads as the core's neutral terms: who acts, in which community and channel.

A community is one workspace, or a whole Enterprise Grid org when the app is installed
org-wide; its id is the team id (T…) or the enterprise id (E…)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from adapters.slack.mrkdwn import unescape
from bot.api import Actor, CommunityRef, MessageRef

PLATFORM = "slack"
JSON = dict[str, Any]


def community_of(context: AsyncBoltContext) -> CommunityRef:
    org = context.enterprise_id if context.is_enterprise_install else None
    external = org or context.team_id or context.enterprise_id
    if not external:
        raise ValueError("a Slack request without a team or enterprise id")
    return CommunityRef(PLATFORM, external)


def is_dm_channel(channel_id: str | None, channel_name: str | None = None) -> bool:
    return channel_name == "directmessage" or bool(channel_id and channel_id.startswith("D"))


def command_actor(body: JSON, context: AsyncBoltContext) -> Actor:
    channel = body.get("channel_id") or None
    dm = is_dm_channel(channel, body.get("channel_name"))
    community = community_of(context)
    named = CommunityRef(community.platform, community.external_id, body.get("team_domain"))
    return Actor(named, body["user_id"], channel, is_dm=dm)


def command_line(body: JSON) -> str:
    """The text after `/plc`, as the person typed it (Slack escapes &, < and >)."""
    return unescape(body.get("text") or "")


def interaction_actor(body: JSON, context: AsyncBoltContext) -> Actor:
    """A button click: in a channel, in a DM, or on the App Home (no channel)."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return Actor(community_of(context), body["user"]["id"], channel, is_dm=is_dm_channel(channel))


def form_metadata(actor: Actor) -> str:
    """What a modal must carry to its submission: where it was opened."""
    return json.dumps({"channel": actor.channel_id, "dm": actor.is_dm})


def submission_actor(body: JSON, context: AsyncBoltContext) -> Actor:
    try:
        meta = json.loads(body["view"].get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    channel = meta.get("channel") if isinstance(meta.get("channel"), str) else None
    return Actor(community_of(context), body["user"]["id"], channel, is_dm=bool(meta.get("dm")))


def clicked_action_id(body: JSON) -> str:
    """The core's action id: the button's value (its action_id carries an index too)."""
    action = (body.get("actions") or [{}])[0]
    return str(action.get("value") or action.get("action_id", "").split("#", 1)[0])


def message_is_for_us(event: JSON) -> bool:
    """A person's own new message (a thread reply also sent to the channel counts): no edits,
    joins or bot posts, ours included."""
    kind_ok = event.get("subtype") in (None, "thread_broadcast")
    return kind_ok and not event.get("bot_id") and bool(event.get("user"))


def thread_of(event: JSON) -> MessageRef | None:
    """The thread a channel message replies to; None for a top-level message."""
    thread_ts = event.get("thread_ts")
    if not thread_ts or thread_ts == event.get("ts"):
        return None
    return MessageRef(event["channel"], thread_ts)


def message_actor(event: JSON, context: AsyncBoltContext) -> Actor:
    dm = event.get("channel_type") == "im"
    return Actor(community_of(context), event["user"], event.get("channel"), is_dm=dm)


def message_text(event: JSON) -> str:
    return unescape(event.get("text") or "")


def replay_key(headers: dict[str, Sequence[str]]) -> str | None:
    """The key of a signed request (HTTP mode): its signature, an HMAC of its timestamp and
    body. Claimed like an event id, so a request replayed within Slack's five-minute window
    (the same signature and timestamp) is not executed again, on any worker. Socket Mode
    requests come over an authenticated connection and carry none."""
    signature = (headers.get("x-slack-signature") or [""])[0]
    return f"slack-signature:{signature}" if signature else None
