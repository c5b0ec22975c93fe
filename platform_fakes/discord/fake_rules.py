"""Discord's limits, as the fake enforces them: what a message, a modal or a command list may
hold. Each check returns the problems found (empty when the body is acceptable)."""

from __future__ import annotations

import re
from typing import Any

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBEDS_TOTAL_MAX = 6000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
ROWS_MAX = 5
ROW_BUTTONS_MAX = 5
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5
LABEL_MAX = 45
TEXT_INPUT_MAX = 4000
TEXT_DISPLAY_MAX = 4000
SELECT_OPTIONS_MAX = 25
COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
DESCRIPTION_MAX = 100
OPTIONS_MAX = 25
CHOICES_MAX = 25


def invalid_form_body(problems: list[str]) -> dict[str, Any]:
    return {
        "code": 50035,
        "message": "Invalid Form Body",
        "errors": {"_fake": {"_errors": [{"code": "LIMIT", "message": p} for p in problems]}},
    }


def embed_length(embed: dict[str, Any]) -> int:
    parts = [embed.get("title"), embed.get("description"), (embed.get("footer") or {}).get("text")]
    parts.append((embed.get("author") or {}).get("name"))
    for f in embed.get("fields") or []:
        parts.extend([f.get("name"), f.get("value")])
    return sum(len(p) for p in parts if p)


def message_problems(body: dict[str, Any], *, creating: bool) -> list[str]:
    problems: list[str] = []
    content = body.get("content") or ""
    if len(content) > CONTENT_MAX:
        problems.append(f"content: {len(content)} characters, more than {CONTENT_MAX}")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        problems.append(f"embeds: {len(embeds)}, more than {EMBEDS_MAX}")
    for n, embed in enumerate(embeds):
        if len(embed.get("title") or "") > EMBED_TITLE_MAX:
            problems.append(f"embeds.{n}.title: longer than {EMBED_TITLE_MAX}")
        if len(embed.get("description") or "") > EMBED_DESCRIPTION_MAX:
            problems.append(f"embeds.{n}.description: longer than {EMBED_DESCRIPTION_MAX}")
    total = sum(embed_length(e) for e in embeds)
    if total > EMBEDS_TOTAL_MAX:
        problems.append(f"embeds: {total} characters in all, more than {EMBEDS_TOTAL_MAX}")
    components = body.get("components") or []
    problems.extend(component_problems(components))
    if creating and not (content or embeds or components or body.get("attachments")):
        problems.append("Cannot send an empty message")
    return problems


def component_problems(rows: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(rows) > ROWS_MAX:
        problems.append(f"components: {len(rows)} rows, more than {ROWS_MAX}")
    seen: set[str] = set()
    for r, row in enumerate(rows):
        children = row.get("components") or []
        if row.get("type") != 1 or not 1 <= len(children) <= ROW_BUTTONS_MAX:
            problems.append(f"components.{r}: an action row holds 1 to {ROW_BUTTONS_MAX} buttons")
        for b, button in enumerate(children):
            where = f"components.{r}.components.{b}"
            if len(button.get("label") or "") > BUTTON_LABEL_MAX:
                problems.append(f"{where}.label: longer than {BUTTON_LABEL_MAX}")
            custom_id = button.get("custom_id")
            if button.get("style") != 5 and not custom_id:
                problems.append(f"{where}.custom_id: required")
            if custom_id and len(custom_id) > CUSTOM_ID_MAX:
                problems.append(f"{where}.custom_id: longer than {CUSTOM_ID_MAX}")
            if custom_id in seen:
                problems.append(f"{where}.custom_id: duplicated in the message")
            seen.add(custom_id or "")
    return problems


def modal_problems(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    title = data.get("title") or ""
    if not 1 <= len(title) <= MODAL_TITLE_MAX:
        problems.append(f"title: 1 to {MODAL_TITLE_MAX} characters")
    if not data.get("custom_id") or len(data["custom_id"]) > CUSTOM_ID_MAX:
        problems.append("custom_id: required, at most 100")
    components = data.get("components") or []
    if not 1 <= len(components) <= MODAL_COMPONENTS_MAX:
        problems.append(f"components: 1 to {MODAL_COMPONENTS_MAX}")
    for n, top in enumerate(components):
        inner = [top]
        if top.get("type") == 1:
            inner = top.get("components") or []
        elif top.get("type") == 18:
            if len(top.get("label") or "") > LABEL_MAX:
                problems.append(f"components.{n}.label: longer than {LABEL_MAX}")
            inner = [top.get("component") or {}]
        for item in inner:
            problems.extend(f"components.{n}: {p}" for p in _modal_item_problems(item))
    return problems


def _modal_item_problems(item: dict[str, Any]) -> list[str]:
    kind = item.get("type")
    if kind == 4:  # text input
        limits = [item.get("max_length"), item.get("min_length"), len(item.get("value") or "")]
        if any(x is not None and x > TEXT_INPUT_MAX for x in limits):
            return [f"a text input holds at most {TEXT_INPUT_MAX} characters"]
        return []
    if kind == 3:  # string select
        options = item.get("options") or []
        return [] if 1 <= len(options) <= SELECT_OPTIONS_MAX else ["a select needs 1 to 25 options"]
    if kind == 10:  # text display
        ok = len(item.get("content") or "") <= TEXT_DISPLAY_MAX
        return [] if ok else [f"a text display holds at most {TEXT_DISPLAY_MAX}"]
    return [f"component type {kind} is not allowed in a modal"]


# Discord's locales (https://discord.com/developers/docs/reference#locales)
LOCALES = frozenset(
    "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg "
    "ru uk hi th zh-CN ja zh-TW ko".split()
)


def command_problems(commands: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    for c in commands:
        problems.extend(_option_problems(c, c.get("name", "?"), depth=0))
    names = [c.get("name") for c in commands]
    if len(names) != len(set(names)):
        problems.append("commands: names must be unique")
    return problems


def _option_problems(node: dict[str, Any], where: str, depth: int) -> list[str]:
    problems: list[str] = []
    name = node.get("name") or ""
    if not COMMAND_NAME.match(name) or name != name.lower():
        problems.append(f"{where}: bad name {name!r}")
    if not 1 <= len(node.get("description") or "") <= DESCRIPTION_MAX:
        problems.append(f"{where}: description must be 1 to {DESCRIPTION_MAX} characters")
    for locale, said in (node.get("description_localizations") or {}).items():
        if locale not in LOCALES or not 1 <= len(said or "") <= DESCRIPTION_MAX:
            problems.append(f"{where}: description_localizations[{locale!r}] is not valid")
    options = node.get("options") or []
    if len(options) > OPTIONS_MAX:
        problems.append(f"{where}: more than {OPTIONS_MAX} options")
    kinds = {o.get("type") for o in options}
    if kinds & {1, 2} and kinds - {1, 2}:
        problems.append(f"{where}: subcommands cannot sit beside plain options")
    if node.get("type") == 2 and kinds - {1}:
        problems.append(f"{where}: a subcommand group holds only subcommands")
    if node.get("type") == 1 and depth and kinds & {1, 2}:
        problems.append(f"{where}: a subcommand cannot hold subcommands")
    if depth >= 2 and node.get("type") == 2:
        problems.append(f"{where}: groups nest one level only")
    required = [bool(o.get("required")) for o in options if o.get("type") not in (1, 2)]
    if required != sorted(required, reverse=True):
        problems.append(f"{where}: required options must come first")
    if len({o.get("name") for o in options}) != len(options):
        problems.append(f"{where}: option names must be unique")
    for o in options:
        if len(o.get("choices") or []) > CHOICES_MAX:
            problems.append(f"{where}.{o.get('name')}: more than {CHOICES_MAX} choices")
        if o.get("type") in (1, 2):
            problems.extend(_option_problems(o, f"{where} {o.get('name')}", depth + 1))
        elif not COMMAND_NAME.match(o.get("name") or ""):
            problems.append(f"{where}: bad option name {o.get('name')!r}")
    return problems
