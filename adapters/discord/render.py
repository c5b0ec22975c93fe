"""The core's neutral Message as Discord markdown, an embed when it is long, and button rows.

Everything a person typed arrives as `Plain` (and inside headings and bold text the core
writes around it), so every piece of text is escaped here, once: markdown cannot format it
and `@everyone`, `@here` or `<@id>` cannot become a mention. Messages are also sent with
`AllowedMentions.none()`, so even a `Mention` the core meant shows a name but pings nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.api import (
    Actions,
    Bold,
    Bullets,
    ButtonStyle,
    Code,
    Context,
    Heading,
    Inline,
    Italic,
    Mention,
    Message,
    Paragraph,
    Quote,
)

CONTENT_MAX = 2000  # message content
DESCRIPTION_MAX = 4096  # one embed's description
EMBEDS_MAX = 6000  # all embeds of a message together
LABEL_MAX = 80  # button label
CUSTOM_ID_MAX = 100
BUTTONS_PER_ROW = 5
ROWS_MAX = 5
ELLIPSIS = "…"
QUOTE_MIN = 40  # a quote shortened to fit a long message keeps at least this much
EMBED_COLOUR = discord.Colour(0x2E7D6B)

_SNOWFLAKE = re.compile(r"^[0-9]{15,21}$")
_NUMBERED = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)
_STYLES = {
    ButtonStyle.DEFAULT: discord.ButtonStyle.secondary,
    ButtonStyle.PRIMARY: discord.ButtonStyle.primary,
    ButtonStyle.DANGER: discord.ButtonStyle.danger,
}


@dataclass(frozen=True)
class ButtonSpec:
    label: str
    custom_id: str
    style: discord.ButtonStyle


@dataclass(frozen=True)
class Rendered:
    """What one Message becomes: content or an embed (never both), and button rows."""

    content: str | None
    embed: discord.Embed | None
    rows: tuple[tuple[ButtonSpec, ...], ...]


def escape(text: str) -> str:
    """Literal text: no markdown (numbered lists included), no mentions."""
    return escape_mentions(_NUMBERED.sub(r"\1\\.", escape_markdown(text)))


def inline(part: Inline) -> str:
    if isinstance(part, Mention):
        if _SNOWFLAKE.match(part.user_id):
            return f"<@{part.user_id}>"
        return escape(f"@{part.user_id}")
    if isinstance(part, Bold):
        return f"**{escape(part.text)}**" if part.text.strip() else escape(part.text)
    if isinstance(part, Italic):
        return f"*{escape(part.text)}*" if part.text.strip() else escape(part.text)
    if isinstance(part, Code):
        return code_span(part.text)
    return escape(part.text)


def code_span(text: str) -> str:
    """Inside a code span nothing is markdown or a mention; only backticks need care."""
    text = text.replace("\n", " ")
    if "`" not in text:
        return f"`{text}`" if text else ""
    return "`` " + text.replace("``", "`\u200b`") + " ``"


def line(parts: tuple[Inline, ...]) -> str:
    return "".join(inline(p) for p in parts)


def markdown(message: Message, limit: int | None = None) -> str:
    """The text blocks as Discord markdown; buttons are rendered as components instead. With
    `limit`, quotes (people's words) are shortened evenly so that the whole fits in `limit`
    when it can: every other part stays, so a listing keeps all its entries, newest included."""
    pieces = _pieces(message)
    if limit is not None and len(_joined(pieces)) > limit:
        pieces = _quotes_within(pieces, limit)
    return _joined(pieces)


def _pieces(message: Message) -> list[tuple[bool, str]]:
    """(a quote's body?, markdown) for each block."""
    out: list[tuple[bool, str]] = []
    for block in message.blocks:
        if isinstance(block, Heading):
            out.append((False, f"### {escape(block.text)}"))
        elif isinstance(block, Paragraph):
            out.append((False, line(block.parts)))
        elif isinstance(block, Bullets):
            for n, item in enumerate(block.items, 1):
                mark = f"{n}." if block.numbered else "-"
                out.append((False, f"{mark} {line(item)}"))
        elif isinstance(block, Quote):
            out.append((True, line(block.parts)))
        elif isinstance(block, Context):
            out.append((False, f"-# {line(block.parts)}"))
    return out


def _joined(pieces: list[tuple[bool, str]]) -> str:
    quoted = (
        "\n".join(f"> {text}" if text else ">" for text in body.split("\n")) if is_quote else body
        for is_quote, body in pieces
    )
    return "\n".join(quoted).strip()


def _quotes_within(pieces: list[tuple[bool, str]], limit: int) -> list[tuple[bool, str]]:
    """Each quote cut to the longest length (the same for all) at which the whole fits."""

    def cut(most: int) -> list[tuple[bool, str]]:
        return [(q, fit(body, most) if q else body) for q, body in pieces]

    low, high = QUOTE_MIN, max((len(body) for q, body in pieces if q), default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if len(_joined(cut(middle))) <= limit:
            low = middle
        else:
            high = middle - 1
    return cut(low)


def fit(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a line end when one is near, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    newline = cut.rfind("\n")
    if newline > limit * 0.8:
        cut = cut[:newline]
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:  # never end on half of an escape
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def button_rows(message: Message) -> tuple[tuple[ButtonSpec, ...], ...]:
    """Each Actions block starts a row; more than five buttons wrap; at most five rows."""
    rows: list[tuple[ButtonSpec, ...]] = []
    for block in message.blocks:
        if not isinstance(block, Actions):
            continue
        specs = [
            ButtonSpec(fit(b.label, LABEL_MAX) or "·", b.action.id, _STYLES[b.style])
            for b in block.buttons
            if len(b.action.id) <= CUSTOM_ID_MAX
        ]
        rows.extend(
            tuple(specs[i : i + BUTTONS_PER_ROW]) for i in range(0, len(specs), BUTTONS_PER_ROW)
        )
    return tuple(rows[:ROWS_MAX])


def render(message: Message) -> Rendered:
    text = markdown(message)
    rows = button_rows(message)
    if len(text) <= CONTENT_MAX:
        return Rendered(text or None, None, rows)
    limit = min(DESCRIPTION_MAX, EMBEDS_MAX)
    description = fit(markdown(message, limit), limit)
    return Rendered(None, discord.Embed(description=description, colour=EMBED_COLOUR), rows)
