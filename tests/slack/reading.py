"""Reading what reached the fake Slack the way a person would see it."""

from __future__ import annotations

from typing import Any

from platform_fakes.slack.reading import ZWJ, blocks_text, buttons, escape, readable

__all__ = ["ZWJ", "blocks_text", "button", "buttons", "escape", "readable"]


def button(blocks: list[dict[str, Any]], label: str) -> dict[str, Any]:
    found = [b for b in buttons(blocks) if readable(b["text"]["text"]) == label]
    assert found, f"no button {label!r} among {[b['text']['text'] for b in buttons(blocks)]}"
    return found[0]
