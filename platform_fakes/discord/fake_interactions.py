"""INTERACTION_CREATE payloads as Discord builds them, and what became of each interaction.

A slash command is built from the command list the client synced, the way Discord's client
would: the words walk the sub-groups, the options are checked against their types, choices and
ranges, and a user option brings its `resolved` user and member."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

from platform_fakes.discord.fake_payloads import Json, member, snowflake, token

APPLICATION_COMMAND, COMPONENT, MODAL_SUBMIT = 2, 3, 5
STRING, INTEGER, BOOLEAN, USER = 3, 4, 5, 6
ATTACHMENT = 11
SUBCOMMAND, GROUP = 1, 2
ALL_PERMISSIONS = (1 << 41) - 1
MARKDOWN = re.compile(r"\*\*|`|\\(?=[^A-Za-z0-9\s])|^(?:-#|#{1,3}) ", re.MULTILINE)


@dataclass
class Interaction:
    id: int
    token: str
    kind: int
    guild_id: int | None
    channel_id: int
    user_id: int
    payload: Json
    created: float = field(default_factory=time.monotonic)
    attempts: list[tuple[int, Json]] = field(default_factory=list)  # (status, body) of callbacks
    initial: Json | None = None  # the accepted initial response
    original: Json | None = None  # the message the initial response made
    followups: list[Json] = field(default_factory=list)
    answered: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def deferred(self) -> bool:
        return self.initial is not None and self.initial["type"] in (5, 6)

    @property
    def modal(self) -> Json | None:
        return self.initial["data"] if self.initial and self.initial["type"] == 9 else None

    @property
    def answer(self) -> Json | None:
        """The message the person sees: the last follow-up, else the original response."""
        if self.followups:
            return self.followups[-1]
        return self.original

    @property
    def text(self) -> str:
        answer = self.answer
        if answer is None:
            return ""
        descriptions = [e.get("description") or "" for e in answer.get("embeds") or []]
        return "\n".join([answer.get("content") or "", *descriptions]).strip()

    @property
    def plain(self) -> str:
        """The answer without markdown: no bold or code marks, no escaping backslashes."""
        return MARKDOWN.sub("", self.text)

    @property
    def ephemeral(self) -> bool:
        answer = self.answer
        return answer is not None and bool(int(answer.get("flags") or 0) & 64)


def base(kind: int, app_id: int, guild_id: int | None, channel: Json, user: Json) -> Json:
    payload: Json = {
        "id": str(snowflake()),
        "application_id": str(app_id),
        "type": kind,
        "token": token(),
        "version": 1,
        "channel_id": channel["id"],
        "channel": channel,
        "locale": "en-US",
        "app_permissions": str(ALL_PERMISSIONS),
        "entitlements": [],
        "attachment_size_limit": 8 * 1024 * 1024,
        "authorizing_integration_owners": {"0": str(guild_id)} if guild_id else {"1": user["id"]},
        "context": 0 if guild_id else 1,
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
        payload["guild_locale"] = "en-US"
        payload["member"] = member(user, permissions=ALL_PERMISSIONS)
    else:
        payload["user"] = user
    return payload


def command_data(
    commands: list[Json],
    words: list[str],
    options: dict[str, Any],
    users: dict[int, Json],
    guild_id: int | None,
) -> Json:
    """`data` of an application-command interaction: ["plc", "session", "open"], {"topic": ...}."""
    root = next((c for c in commands if c["name"] == words[0]), None)
    if root is None:
        raise AssertionError(f"/{words[0]} is not a synced command")
    resolved: Json = {}
    data: Json = {"id": root.get("id", str(snowflake())), "name": root["name"], "type": 1}
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    node, holder = root, data
    for word in words[1:]:
        child = next(
            (o for o in node.get("options") or [] if o["name"] == word and o["type"] in (1, 2)),
            None,
        )
        if child is None:
            raise AssertionError(
                f"/{' '.join(words)}: no subcommand {word!r} under {node['name']!r}"
            )
        entry: Json = {"name": word, "type": child["type"], "options": []}
        holder.setdefault("options", []).append(entry)
        node, holder = child, entry
    if node.get("type", 1) == GROUP or any(o["type"] in (1, 2) for o in node.get("options") or []):
        raise AssertionError(f"/{' '.join(words)} is a group, not a command")
    values = [
        _option(node, name, value, users, resolved, guild_id) for name, value in options.items()
    ]
    missing = [
        o["name"]
        for o in node.get("options") or []
        if o.get("required") and o["name"] not in options
    ]
    if missing:
        raise AssertionError(f"/{' '.join(words)} needs {missing}")
    holder["options"] = [v for v in values if v is not None]
    if resolved:
        data["resolved"] = resolved
    return data


def _option(
    node: Json, name: str, value: Any, users: dict[int, Json], resolved: Json, guild_id: int | None
) -> Json | None:
    spec = next((o for o in node.get("options") or [] if o["name"] == name), None)
    if spec is None:
        raise AssertionError(f"{node['name']} has no option {name!r}")
    if value is None:
        return None
    kind = spec["type"]
    if kind == STRING and not isinstance(value, str):
        raise AssertionError(f"{name}: a string option")
    if kind == INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise AssertionError(f"{name}: an integer option")
        if value < spec.get("min_value", value) or value > spec.get("max_value", value):
            raise AssertionError(
                f"{name}: {value} is outside {spec.get('min_value')}..{spec.get('max_value')}"
            )
    choices = [c["value"] for c in spec.get("choices") or []]
    if choices and value not in choices:
        raise AssertionError(f"{name}: {value!r} is not one of {choices}")
    if kind == USER:
        user = users[int(value)]
        resolved.setdefault("users", {})[user["id"]] = user
        if guild_id is not None:
            entry = {k: v for k, v in member(user).items() if k != "user"}
            resolved.setdefault("members", {})[user["id"]] = entry
        value = user["id"]
    if kind == ATTACHMENT:  # a file the fake hosts (FakeDiscord.attachment)
        if not isinstance(value, dict) or "url" not in value:
            raise AssertionError(f"{name}: an attachment option (FakeDiscord.attachment)")
        resolved.setdefault("attachments", {})[value["id"]] = value
        value = value["id"]
    return {"name": name, "type": kind, "value": value}


def modal_submission(modal: Json, values: dict[str, str]) -> Json:
    """`data` of a modal submit: each input's custom_id with what the person typed or chose."""
    components: list[Json] = []
    for top in modal["components"]:
        if top.get("type") == 18:
            inner = top["component"]
            components.append({"type": 18, "component": _submitted(inner, values)})
        elif top.get("type") == 1:
            components.append(
                {"type": 1, "components": [_submitted(c, values) for c in top["components"]]}
            )
        else:
            components.append({"type": top.get("type"), "id": top.get("id", 0)})
    return {"custom_id": modal["custom_id"], "components": components}


def _submitted(item: Json, values: dict[str, str]) -> Json:
    custom_id = item["custom_id"]
    if item["type"] == 4:
        return {
            "type": 4,
            "custom_id": custom_id,
            "value": values.get(custom_id, item.get("value") or ""),
        }
    default = next((o["value"] for o in item.get("options") or [] if o.get("default")), None)
    chosen = values.get(custom_id, default)
    allowed = [o["value"] for o in item.get("options") or []]
    if chosen is not None and chosen not in allowed:
        raise AssertionError(f"{custom_id}: {chosen!r} is not one of {allowed}")
    return {"type": 3, "custom_id": custom_id, "values": [chosen] if chosen is not None else []}
