"""The `/plc` grammar: the matcher that reads text against the table of command specs.

The specs live in `bot.commands.spec`, the argument parsers in `bot.commands.arguments`, the
table in `bot.commands.table`; their public names are re-exported here.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from bot.commands import intents as i
from bot.commands import values
from bot.commands.arguments import parse_user
from bot.commands.spec import ParseError, Parser, Spec, UnknownCommand
from bot.commands.table import COMMANDS, GROUPS
from bot.commands.values import Invalid

__all__ = [
    "COMMANDS",
    "GROUPS",
    "ParseError",
    "Parser",
    "Spec",
    "UnknownCommand",
    "find_spec",
    "match",
    "parse",
    "parse_user",
    "spec_for",
]

# Intents one text command reads into besides its spec's own (for its usage line).
SAME_COMMAND: dict[type, type] = {i.StageSetByTitle: i.StageSet, i.CommunityReport: i.Report}
_WORD = re.compile(r"\s*(\S+)")
# Each path's spec (the first in the table when two share one), and the longest path.
_BY_PATH: dict[tuple[str, ...], Spec] = {}
for _spec in COMMANDS:
    _BY_PATH.setdefault(_spec.path, _spec)
_LONGEST = max(len(path) for path in _BY_PATH)


def _words_and_ends(text: str, count: int) -> tuple[list[str], list[int]]:
    """The first `count` words (lowercased) and where each ends (the rest starts there)."""
    words: list[str] = []
    ends = [0]
    while len(words) < count:
        m = _WORD.match(text, ends[-1])
        if not m:
            break
        words.append(m.group(1).lower())
        ends.append(m.end())
    return words, ends


def match(text: str) -> tuple[Spec, str]:
    """The spec whose path is the longest prefix of `text`, and the rest of the text."""
    text = text.strip()
    if text.lower().startswith("/plc"):
        text = text[4:]
    words, ends = _words_and_ends(text, _LONGEST)
    best: Spec | None = None
    for n in range(min(len(words), _LONGEST), -1, -1):
        best = _BY_PATH.get(tuple(words[:n]))
        if best is not None:
            break
    if best is None:
        said = " ".join(words[:2]) if words else ""
        if not words:
            return GROUPS["help"][0], ""
        group = words[0] if words[0] in GROUPS else None
        names = [s.name for s in COMMANDS]
        # Two words first ("sesion open" is session open, not decision), then the first alone.
        tries = [" ".join(words[:2])] if group else [" ".join(words[:2]), words[0]]
        close = next(
            (found for t in tries if (found := difflib.get_close_matches(t, names, 1, 0.6))), []
        )
        raise UnknownCommand(said, group, close[0] if close else None)
    return best, text[ends[len(best.path)] :]


def parse(text: str) -> tuple[Spec, Any]:
    """Parse `/plc ...` text into (spec, intent). Raises UnknownCommand or ParseError."""
    spec, rest = match(text)
    try:
        intent = spec.parse(spec, rest)
        values.check(intent)  # the rules every typed intent meets at the door, too
    except Invalid as e:
        raise ParseError(spec, *e.parts) from None
    return spec, intent


def spec_for(intent: object) -> Spec | None:
    """The text command an intent corresponds to (for usage lines in refusals)."""
    kind = SAME_COMMAND.get(type(intent), type(intent))
    for spec in COMMANDS:
        if spec.intent is kind and (
            not isinstance(intent, i.ScheduleChange) or spec.path[-1] == intent.action
        ):
            return spec
    return None


def find_spec(topic: str) -> Spec | None:
    for spec in COMMANDS:
        if spec.name == topic:
            return spec
    return None
