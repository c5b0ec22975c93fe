"""The core's Message as Block Kit blocks plus a plain `text` fallback, and its Form as a modal.

Slack's limits kept here: section text 3,000 characters (long text continues in the next
section), header 150, button label 75, 50 blocks in a message and 100 in a view or App Home,
modal title and submit label 24, a plain-text input at most 3,000 characters."""

from __future__ import annotations

from typing import Any, NamedTuple

from adapters.slack.mrkdwn import SECTION_MAX, atoms, chunks, escape, fit, pack
from bot.api import (
    N_,
    Actions,
    Block,
    Bullets,
    ButtonStyle,
    ChoiceField,
    Context,
    Form,
    Heading,
    Inline,
    Message,
    Paragraph,
    Plain,
    Quote,
    TextField,
    _,
)

HEADER_MAX = 150
BUTTON_LABEL_MAX = 75
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
FALLBACK_MAX = 3000
MODAL_TITLE_MAX = 24
INPUT_MAX = 3000
SELECT_OPTIONS_MAX = 100  # a static_select's options
SHORTENED = N_("Part of this message was left out to fit in Slack.")

JSON = dict[str, Any]


class Rendered(NamedTuple):
    blocks: list[JSON]
    text: str  # notifications and clients that cannot show blocks


def render(message: Message, *, max_blocks: int = MESSAGE_BLOCKS) -> Rendered:
    blocks: list[JSON] = []
    index = 0
    for block in message.blocks:
        if isinstance(block, Actions):
            blocks.append(_actions(block, index))
            index += len(block.buttons)
        else:
            blocks.extend(_blocks(block))
    if len(blocks) > max_blocks:
        blocks = [*blocks[: max_blocks - 1], _context_block(escape(_(SHORTENED)))]
    return Rendered(blocks, fallback_text(message))


def home_view(message: Message) -> JSON:
    return {"type": "home", "blocks": render(message, max_blocks=VIEW_BLOCKS).blocks}


def _mrkdwn(text: str) -> JSON:
    # verbatim: Slack must not turn names or URLs in a person's text into links or mentions.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str, limit: int = SECTION_MAX) -> JSON:
    return {"type": "plain_text", "text": fit(escape(text), limit), "emoji": True}


def _sections(texts: list[str]) -> list[JSON]:
    return [{"type": "section", "text": _mrkdwn(t)} for t in texts]


def _line(parts: tuple[Inline, ...]) -> list[str]:
    return [a for part in parts for a in atoms(part)]


def _context_block(text: str) -> JSON:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _blocks(block: Block) -> list[JSON]:
    if isinstance(block, Heading):
        return (
            [{"type": "header", "text": _plain(block.text, HEADER_MAX)}]
            if block.text.strip()
            else []
        )
    if isinstance(block, Paragraph):
        return _sections(pack(_line(block.parts)))
    if isinstance(block, Bullets):
        pieces: list[str] = []
        for n, item in enumerate(block.items, 1):
            pieces.extend(
                ["\n" if pieces else "", f"{n}. " if block.numbered else "• ", *_line(item)]
            )
        return _sections(pack(pieces))
    if isinstance(block, Quote):
        return _quote(block)
    if isinstance(block, Context):
        texts = pack(_line(block.parts))
        return (
            [_context_block(texts[0] if len(texts) == 1 else fit(texts[0], SECTION_MAX - 1))]
            if texts
            else []
        )
    raise TypeError(f"no Slack rendering for {type(block).__name__}")


def _quote(block: Quote) -> list[JSON]:
    """A person's own words: plain text, so nothing in them is read as markup at all."""
    plain = [p.text for p in block.parts if isinstance(p, Plain)]
    if len(plain) == len(block.parts):
        raw = "".join(plain)
        texts = pack(escape(piece) for piece in chunks(raw))
        return [
            {"type": "section", "text": {"type": "plain_text", "text": t, "emoji": True}}
            for t in texts
        ]
    pieces = [a.replace("\n", "\n> ") for a in _line(block.parts)]
    return _sections(["> " + t for t in pack(pieces, SECTION_MAX - 4)])


def _actions(block: Actions, start: int) -> JSON:
    elements: list[JSON] = []
    for n, button in enumerate(block.buttons, start):
        element: JSON = {
            "type": "button",
            "text": _plain(button.label, BUTTON_LABEL_MAX),
            # Unique within the message even when two buttons carry the same action.
            "action_id": f"{button.action.id}#{n}",
            "value": button.action.id,
        }
        if button.style is not ButtonStyle.DEFAULT:
            element["style"] = button.style.value
        elements.append(element)
    return {"type": "actions", "elements": elements}


def fallback_text(message: Message) -> str:
    lines: list[str] = []
    for block in message.blocks:
        if isinstance(block, Heading):
            lines.append(escape(block.text))
        elif isinstance(block, Bullets):
            for n, item in enumerate(block.items, 1):
                mark = f"{n}." if block.numbered else "•"
                lines.append(
                    f"{mark} " + "".join([a for p in item for a in atoms(p, formatted=False)])
                )
        elif isinstance(block, Paragraph | Quote | Context):
            lines.append("".join([a for p in block.parts for a in atoms(p, formatted=False)]))
    return fit("\n".join([line for line in lines if line]), FALLBACK_MAX) or " "


# ---- forms ------------------------------------------------------------------------------


def modal_view(form: Form, *, private_metadata: str) -> JSON:
    """A Form as a modal. Block and action ids are the field ids, so the submission's
    `view.state.values[field][field]` carries each answer back."""
    blocks: list[JSON] = []
    if form.intro.strip():
        blocks.append({"type": "section", "text": _plain(form.intro)})
    for field in form.fields:
        blocks.append(_input(field))
    return {
        "type": "modal",
        "callback_id": form.action.id,
        "title": _plain(form.title, MODAL_TITLE_MAX),
        "submit": _plain(form.submit_label, MODAL_TITLE_MAX),
        "close": _plain(form.cancel_label),
        "private_metadata": private_metadata,
        "blocks": blocks[:VIEW_BLOCKS],
    }


def _input(field: TextField | ChoiceField) -> JSON:
    if isinstance(field, TextField):
        element: JSON = {
            "type": "plain_text_input",
            "action_id": field.id,
            "multiline": field.multiline,
            "max_length": min(field.max_length, INPUT_MAX),
        }
        if field.initial:
            element["initial_value"] = field.initial[:INPUT_MAX]  # an input box shows it as typed
        if field.placeholder:
            element["placeholder"] = _plain(field.placeholder, 150)
        optional = not field.required
    else:
        options = [{"text": _plain(label, 75), "value": value} for value, label in field.options]
        # Many options: a select, which Slack filters as you type; a few: radio buttons.
        kind = "static_select" if field.searchable else "radio_buttons"
        element = {"type": kind, "action_id": field.id, "options": options[:SELECT_OPTIONS_MAX]}
        if field.searchable:
            element["placeholder"] = _plain(field.search_hint, 150)
        chosen = [o for o in options if o["value"] == field.initial]
        if chosen:
            element["initial_option"] = chosen[0]
        optional = False
    return {
        "type": "input",
        "block_id": field.id,
        "label": _plain(field.label, 2000),
        "element": element,
        "optional": optional,
    }


def form_values(state: JSON) -> dict[str, str]:
    """`view.state.values` back to {field id: answer}."""
    values: dict[str, str] = {}
    for block_id, actions in (state.get("values") or {}).items():
        for answer in actions.values():
            if answer.get("type") in ("radio_buttons", "static_select"):
                values[block_id] = (answer.get("selected_option") or {}).get("value") or ""
            else:
                values[block_id] = answer.get("value") or ""
    return values
