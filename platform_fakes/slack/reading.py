"""Reading what reached the fake Slack the way a person would see it (shared by the tests and
the simulation)."""

from __future__ import annotations

from typing import Any

ZWJ = "\u200d"


def readable(text: str) -> str:
    """What a person would read: entities decoded and the zero-width joiners gone."""
    return text.replace(ZWJ, "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    """Every text in some blocks, raw (as it reached Slack), one block a line."""
    out: list[str] = []
    for block in blocks:
        if "text" in block and isinstance(block["text"], dict):
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            if "text" in element:
                out.append(
                    element["text"]["text"]
                    if isinstance(element["text"], dict)
                    else element["text"]
                )
    return "\n".join(out)


def escape(text: str) -> str:
    """What Slack does to typed text before sending it to an app."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
