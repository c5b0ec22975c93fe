"""The neutral message model that use cases return and adapters render.

Text is structured, not a markup string: user-supplied text is always a `Plain` node, so
no adapter can mistake it for markup or a mention. Each adapter escapes at its edge, once.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class Bold:
    text: str


@dataclass(frozen=True)
class Italic:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Mention:
    """A person, shown the platform's way (a Slack/Discord mention renders their name)."""

    user_id: str


Inline = Plain | Bold | Italic | Code | Mention


def _said(message: str) -> str:
    """`message` in the language spoken now (bot.i18n imports this module, so it is asked late)."""
    from bot.i18n import _

    return _(message)


def inlines(*parts: Inline | str) -> tuple[Inline, ...]:
    """Bare strings become Plain: everything user-supplied is literal."""
    return tuple(Plain(p) if isinstance(p, str) else p for p in parts)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]
    numbered: bool = False


@dataclass(frozen=True)
class Quote:
    """A person's own words (a reflection posted to the team)."""

    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Context:
    """Small print under a message."""

    parts: tuple[Inline, ...]


class ButtonStyle(enum.StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


ACTION_PREFIX = "plc"


@dataclass(frozen=True)
class Action:
    """A stable action id carried by a button: `plc:<name>:<arg>:<arg>`; survives restarts."""

    name: str
    args: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return ":".join((ACTION_PREFIX, self.name, *self.args))

    @classmethod
    def parse(cls, action_id: str) -> Action | None:
        parts = action_id.split(":")
        if len(parts) < 2 or parts[0] != ACTION_PREFIX or not parts[1]:
            return None
        return cls(parts[1], tuple(parts[2:]))


@dataclass(frozen=True)
class Button:
    label: str
    action: Action
    style: ButtonStyle = ButtonStyle.DEFAULT


@dataclass(frozen=True)
class Actions:
    """A row of buttons, where it stands among the blocks (a question, then its answers)."""

    buttons: tuple[Button, ...]


Block = Heading | Paragraph | Bullets | Quote | Context | Actions


@dataclass(frozen=True)
class Message:
    blocks: tuple[Block, ...]

    @property
    def buttons(self) -> tuple[tuple[Button, ...], ...]:
        return tuple(b.buttons for b in self.blocks if isinstance(b, Actions))

    def plain_text(self) -> str:
        """A plain-text rendering: notification fallback, console, tests."""
        return render_plain(self)

    def button_list(self) -> list[Button]:
        return [b for row in self.buttons for b in row]


class MessageBuilder:
    """Builds a Message block by block; keeps use cases readable."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []

    def heading(self, text: str) -> MessageBuilder:
        self._blocks.append(Heading(text))
        return self

    def para(self, *parts: Inline | str) -> MessageBuilder:
        self._blocks.append(Paragraph(inlines(*parts)))
        return self

    def bullets(
        self, items: Iterable[Iterable[Inline | str] | str], *, numbered: bool = False
    ) -> MessageBuilder:
        rows = tuple(inlines(i) if isinstance(i, str) else inlines(*i) for i in items)
        if rows:
            self._blocks.append(Bullets(rows, numbered))
        return self

    def quote(self, *parts: Inline | str) -> MessageBuilder:
        self._blocks.append(Quote(inlines(*parts)))
        return self

    def context(self, *parts: Inline | str) -> MessageBuilder:
        self._blocks.append(Context(inlines(*parts)))
        return self

    def buttons(self, *row: Button) -> MessageBuilder:
        if row:
            self._blocks.append(Actions(tuple(row)))
        return self

    def build(self) -> Message:
        return Message(tuple(self._blocks))


def markup(*parts: Inline | str) -> tuple[Inline, ...]:
    """Trusted core text may mark commands with backticks: "Try `/plc help`." Only bare
    strings written in the core are split this way; user values must be passed as Plain."""
    out: list[Inline] = []
    for part in parts:
        if not isinstance(part, str):
            out.append(part)
            continue
        for n, piece in enumerate(part.split("`")):
            if piece:
                out.append(Code(piece) if n % 2 else Plain(piece))
    return tuple(out)


def text(*parts: Inline | str) -> Message:
    """A one-paragraph message."""
    return MessageBuilder().para(*parts).build()


def inline_plain(part: Inline, *, mention: str = "@{}") -> str:
    if isinstance(part, Mention):
        return mention.format(part.user_id)
    return part.text


def render_plain(message: Message, *, mention: str = "@{}") -> str:
    out: list[str] = []
    for block in message.blocks:
        if isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Paragraph):
            out.append("".join(inline_plain(p, mention=mention) for p in block.parts))
        elif isinstance(block, Bullets):
            for n, item in enumerate(block.items, 1):
                mark = f"{n}." if block.numbered else "•"
                out.append(f"{mark} " + "".join(inline_plain(p, mention=mention) for p in item))
        elif isinstance(block, Quote):
            body = "".join(inline_plain(p, mention=mention) for p in block.parts)
            out.extend("> " + line for line in body.splitlines() or [""])
        elif isinstance(block, Actions):
            out.append(" | ".join(f"[{b.label}]" for b in block.buttons))
        else:
            out.append("".join(inline_plain(p, mention=mention) for p in block.parts))
    return "\n".join(out)


# ---- forms (modals where the platform has them) ----------------------------------------


@dataclass(frozen=True)
class TextField:
    id: str
    label: str
    max_length: int
    multiline: bool = True
    initial: str = ""
    placeholder: str = ""
    required: bool = True


@dataclass(frozen=True)
class ChoiceField:
    id: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value, label)
    initial: str = ""
    searchable: bool = False  # many options: a select with type-ahead where the platform has one
    # the type-ahead's hint, said when the field is made: in the language of whoever reads it
    search_hint: str = field(default_factory=lambda: _said("Type to search"))


@dataclass(frozen=True)
class Form:
    """A modal: a title, fields, and an action id that the submission carries back."""

    action: Action
    title: str
    submit_label: str
    intro: str = ""
    fields: tuple[TextField | ChoiceField, ...] = field(default_factory=tuple)
    # the platform's cancel button where it draws one (Slack), said when the form is made, in
    # the language of whoever opens it (an adapter renders it after the request's language ended)
    cancel_label: str = field(default_factory=lambda: _said("Cancel"))
