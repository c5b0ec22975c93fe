"""Reading what reached the fake Discord the way a person would see it (shared by the tests and
the simulation): a message's content and embeds without markdown, its buttons, a modal's words."""

from __future__ import annotations

import re
from typing import Any

Json = dict[str, Any]
MARKDOWN = re.compile(r"\*\*|`|\\(?=[^A-Za-z0-9\s])|^(?:-#|#{1,3}) ", re.MULTILINE)


def plain(text: str) -> str:
    """Without markdown: no bold or code marks, no headings, no escaping backslashes."""
    return MARKDOWN.sub("", text)


def message_text(body: Json) -> str:
    """A message's content and every embed's title, description and fields, as read."""
    parts = [str(body.get("content") or "")]
    for embed in body.get("embeds") or []:
        parts += [str(embed.get(k) or "") for k in ("title", "description")]
        for field in embed.get("fields") or []:
            parts += [str(field.get("name") or ""), str(field.get("value") or "")]
    return plain("\n".join(p for p in parts if p).strip())


def custom_ids(body: Json) -> list[str]:
    """Every button's custom_id, in order."""
    rows = body.get("components") or []
    return [
        str(c["custom_id"]) for r in rows for c in r.get("components") or [] if "custom_id" in c
    ]


def modal_text(modal: Json) -> str:
    """A modal's title, text displays and field labels."""
    parts = [str(modal.get("title") or "")]
    for top in modal.get("components") or []:
        if top.get("type") == 10:  # a text display
            parts.append(str(top.get("content") or ""))
        elif top.get("type") == 18:  # a label around a field
            parts.append(str(top.get("label") or ""))
    return plain("\n".join(p for p in parts if p))


def modal_inputs(modal: Json) -> list[str]:
    """The custom_id of every field of a modal, in order."""
    out: list[str] = []
    for top in modal.get("components") or []:
        inner = [top["component"]] if "component" in top else top.get("components") or []
        out += [str(c["custom_id"]) for c in inner if "custom_id" in c]
    return out
