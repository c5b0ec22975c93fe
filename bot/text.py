"""The one way the core cleans text people type, the same on every platform and database.

PostgreSQL text rejects NUL; SQLite accepts it. So NUL and other control characters (except
newline and tab) are removed here, before anything is stored, and both databases hold the
same string. Right-to-left marks, emoji and combining marks are a person's words: kept.

Short fields everyone sees (team names, topics, norms, labels, a check-in word) also lose the
bidirectional embedding, override and isolate controls: one of them in a name can make the
text after it read backwards (a "‮" spoof). A reflection keeps them (its author's text).
"""

from __future__ import annotations

import re
import unicodedata

REFLECTION_MAX = 4000
TOPIC_MAX = 200
WORD_MAX = 40
NAME_MAX = 80

# Unicode's control characters (category Cc, a set its stability policy never changes:
# U+0000-U+001F and U+007F-U+009F) but newline and tab. One regular expression instead of a
# category lookup per character: a 300-character reflection cost 600 Python calls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# LRE RLE PDF LRO RLO, LRI RLI FSI PDI (the marks LRM, RLM and ALM stay: they only mark)
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean(raw: str) -> str:
    """NFC-normalize, unify newlines, drop control characters, trim the ends."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROLS.sub("", text).strip()


def one_line(raw: str) -> str:
    """For topics, names, norms: collapse all whitespace runs into single spaces, and drop the
    bidirectional controls that could make a short shared text read backwards."""
    return " ".join(clean(raw).translate(_BIDI_CONTROLS).split())


def whole_number(word: str, *, digits: int = 9) -> int | None:
    """`word` as a whole number when it is decimal digits only (in any script: int() reads
    them all) and at most `digits` long, so it fits an id column; else None.

    `str.isdigit()` is not the test: it accepts "²" and "①", which int() refuses, and int()
    refuses more than 4,300 digits; either would raise ValueError from a person's typing."""
    if not word.isdecimal() or len(word) > digits:
        return None
    return int(word)


def shorten(text: str, limit: int) -> str:
    """Cut to at most `limit` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"
