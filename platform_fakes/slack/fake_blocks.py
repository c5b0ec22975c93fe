"""The Block Kit rules the fake Slack enforces, as Slack documents them: an invalid message is
refused with `invalid_blocks`, an invalid view with `invalid_arguments`."""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
TEXT_MAX = 3000
HEADER_MAX = 150
BUTTON_MAX = 75
TITLE_MAX = 24
INPUT_MAX = 3000


def size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _text_object(
    obj: Any, where: str, limit: int, problems: list[str], *, plain_only: bool = False
) -> None:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        problems.append(f"{where}: not a text object")
        return
    if plain_only and obj["type"] != "plain_text":
        problems.append(f"{where}: must be plain_text")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        problems.append(f"{where}: text must have at least 1 character")
    elif size(text) > limit:
        problems.append(f"{where}: text must be at most {limit} characters, has {size(text)}")
    if obj["type"] == "plain_text" and "verbatim" in obj:
        problems.append(f"{where}: verbatim is only for mrkdwn")
    if obj["type"] == "mrkdwn" and "emoji" in obj:
        problems.append(f"{where}: emoji is only for plain_text")


def block_problems(blocks: Any, *, limit: int = MESSAGE_BLOCKS) -> list[str]:
    problems: list[str] = []
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    if len(blocks) > limit:
        problems.append(f"no more than {limit} blocks, got {len(blocks)}")
    action_ids: set[str] = set()
    for n, block in enumerate(blocks):
        where = f"[{n}]"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind == "section":
            _text_object(block.get("text"), f"{where}.text", TEXT_MAX, problems)
        elif kind == "header":
            _text_object(block.get("text"), f"{where}.text", HEADER_MAX, problems, plain_only=True)
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                problems.append(f"{where}: 1 to 10 elements")
            for m, element in enumerate(elements):
                _text_object(element, f"{where}.elements[{m}]", TEXT_MAX, problems)
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                problems.append(f"{where}: 1 to 25 elements")
            for m, button in enumerate(elements):
                _text_object(
                    button.get("text"),
                    f"{where}.elements[{m}].text",
                    BUTTON_MAX,
                    problems,
                    plain_only=True,
                )
                action_id = button.get("action_id", "")
                if not action_id or len(action_id) > 255 or action_id in action_ids:
                    problems.append(
                        f"{where}.elements[{m}]: action_id missing, too long or not unique"
                    )
                action_ids.add(action_id)
                if len(button.get("value", "")) > 2000:
                    problems.append(f"{where}.elements[{m}]: value longer than 2000")
        elif kind == "input":
            _text_object(block.get("label"), f"{where}.label", 2000, problems, plain_only=True)
            element = block.get("element") or {}
            if element.get("type") == "plain_text_input":
                top = element.get("max_length", INPUT_MAX)
                if top > INPUT_MAX:
                    problems.append(f"{where}: max_length at most {INPUT_MAX}")
                if len(element.get("initial_value", "")) > top:
                    problems.append(f"{where}: initial_value longer than max_length")
            elif element.get("type") not in ("radio_buttons", "static_select"):
                problems.append(f"{where}: unsupported input element")
            elif len(element.get("options", [])) > (
                100 if element["type"] == "static_select" else 10
            ):
                problems.append(f"{where}: too many options for a {element['type']}")
        else:
            problems.append(f"{where}: unknown block type {kind!r}")
    return problems


def view_problems(view: Any) -> list[str]:
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return ["view.type must be modal or home"]
    problems = block_problems(view.get("blocks"), limit=VIEW_BLOCKS)
    if view["type"] == "modal":
        _text_object(view.get("title"), "title", TITLE_MAX, problems, plain_only=True)
        if "submit" in view:
            _text_object(view.get("submit"), "submit", TITLE_MAX, problems, plain_only=True)
        if len(view.get("callback_id", "")) > 255:
            problems.append("callback_id longer than 255")
        if len(view.get("private_metadata", "")) > 3000:
            problems.append("private_metadata longer than 3000")
    return problems
