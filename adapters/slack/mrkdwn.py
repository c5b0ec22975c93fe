"""Slack's text rules, applied once at the edge.

Slack reads `&`, `<` and `>` as control characters in every text field: `<!channel>`,
`<!here>` and `<@U…>` ping people. So every Plain part (a person's words) is escaped, and
only a Mention node ever becomes a real mention. In mrkdwn, Plain text is also neutralised:
`*`, `_`, `~` and a backtick get a zero-width joiner on each side (a marker glued to a
non-space character cannot open or close formatting), and a line that starts with `>` gets
one in front (an escaped `&gt;` at a line start would still become a block quote). The
reader sees exactly what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.api import Bold, Code, Inline, Italic, Mention, Plain

ZWJ = "\u200d"
SECTION_MAX = 3000  # Slack: a section's text, and any text object, at most 3,000 characters
CHUNK = 500  # a person's text is cut into pieces this long, so one escaped piece stays < 3,000

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_MARKERS = re.compile(r"([*_~`])")
_LINE_QUOTE = re.compile(r"(^|\n)&gt;")
_MARK_OF = {Bold: "*", Italic: "_", Code: "`"}


_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Slack's three control characters as entities; nothing else changes."""
    return text.translate(_ENTITIES)


def unescape(text: str) -> str:
    """What Slack sends (slash command and message text) back to what the person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def literal(text: str) -> str:
    """A person's words for a mrkdwn field: escaped and unable to become formatting."""
    out = _MARKERS.sub(ZWJ + r"\1" + ZWJ, escape(text))
    if "&gt;" not in out:
        return out
    return _LINE_QUOTE.sub(lambda m: m.group(1) + ZWJ + "&gt;", out)


def size(text: str) -> int:
    """Length as Slack counts it (UTF-16 code units: an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def chunks(text: str, limit: int = CHUNK) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at a space or newline when one is near."""
    if len(text) <= limit:
        return [text] if text else []
    out: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind(" ", limit // 2, limit), text.rfind("\n", limit // 2, limit))
        cut = cut + 1 if cut > 0 else limit
        out.append(text[:cut])
        text = text[cut:]
    if text:
        out.append(text)
    return out


def _wrap(mark: str, text: str) -> str:
    """`*bold*` with any surrounding spaces kept outside the markers (`* x*` is not bold)."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    return f"{text[:start]}{mark}{core}{mark}{text[start + len(core) :]}"


def mention(user_id: str) -> str:
    """A real mention for a Slack user id; anything else (a typed name) stays literal."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else literal(f"@{user_id}")


def atoms(part: Inline, *, formatted: bool = True) -> list[str]:
    """One inline as mrkdwn pieces, none longer than about 2,500 characters, each safe to end a
    section after. `formatted=False` drops bold/italic/code markers (notification text)."""
    if isinstance(part, Mention):
        return [mention(part.user_id)]
    text = part.text
    if len(text) <= CHUNK:  # nearly always: one piece
        pieces = [literal(text)] if text else []
    else:
        pieces = [literal(p) for p in chunks(text)]
    if isinstance(part, Plain) or not formatted:
        return pieces
    return [_wrap(_MARK_OF[type(part)], p) for p in pieces]


def pack(pieces: Iterable[str], limit: int = SECTION_MAX) -> list[str]:
    """Join pieces into as few texts as fit `limit` each, never splitting a piece."""
    texts: list[str] = []
    current = ""
    for piece in pieces:
        if current and size(current) + size(piece) > limit:
            texts.append(current)
            current = ""
        current += piece
    if current:
        texts.append(current)
    return texts


def fit(text: str, limit: int) -> str:
    """Shorten already-rendered text to `limit`, ending with an ellipsis and never inside an
    entity (`&amp;`) or a mention (`<@U…>`)."""
    if size(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    while cut and size(cut) > limit - 1:
        cut = cut[:-1]
    amp, lt = cut.rfind("&"), cut.rfind("<")
    if amp > cut.rfind(";"):
        cut = cut[:amp]
    if lt > cut.rfind(">"):
        cut = cut[:lt]
    return cut.rstrip() + "…"
