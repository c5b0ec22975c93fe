"""The one rule for a day in what the bot says: the year is added when it is not this year
("due Sat 2 Oct 2027" said in 2026; "Fri 01 Jan 2027 08:00" for a post after New Year), and
weekday and month names are said in the language being spoken (issue 16).

`fmt` is strftime's, as written across the code (`%a %-d %b`, `%A %-d %B`, `%d %b %Y`, ...).
English keeps strftime's output byte for byte. Another language says the same fields the way
its speakers write a date (CLDR's patterns through Babel: "sáb, 2 oct",
"sábado, 2 de octubre de 2027"); a time of day follows the date, 24-hour."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import match_skeleton, parse_pattern

from bot.i18n import SOURCE, current

_PIECE = re.compile(r"%-?[a-zA-Z%]|[^%]+")
_TIME = frozenset({"%H", "%M"})
_SHORT_WEEKDAY = re.compile(r"(?<![Ec])([Ec]{1,3})(?![Ec])")


def date_text(day: date | datetime, today: date, fmt: str = "%a %-d %b") -> str:
    """`day` in `fmt`, with its year when that is not `today`'s, in the language spoken now."""
    shown = fmt if day.year == today.year else f"{fmt} %Y"
    language = current()
    if language == SOURCE or not _has_dates(language):
        return day.strftime(shown)
    return parse_pattern(_pattern(shown, language)).apply(day, language)


def time_text(at: datetime) -> str:
    """A time of day as every language here writes it: 24-hour, "15:30"."""
    return at.strftime("%H:%M")


@lru_cache(maxsize=64)
def _has_dates(language: str) -> bool:
    """Whether CLDR knows the language (a test's pseudo-language does not: strftime's then)."""
    try:
        Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return False
    return True


@lru_cache(maxsize=256)
def _pattern(fmt: str, language: str) -> str:
    """The CLDR pattern `language` writes `fmt`'s fields with."""
    fields = {piece for piece in _PIECE.findall(fmt) if piece.startswith("%")}
    unknown = fields - {"%a", "%A", "%b", "%B", "%d", "%-d", "%m", "%-m", "%Y", *_TIME}
    if unknown:
        raise ValueError(f"date_text cannot say {sorted(unknown)} yet: add it to bot/day_words.py")
    skeleton = "".join(
        letters
        for letters, wanted in (
            ("y", "%Y" in fields),
            ("MMMM", "%B" in fields),
            ("MMM", "%b" in fields),
            ("M", bool(fields & {"%m", "%-m"})),
            ("E", bool(fields & {"%a", "%A"})),
            ("d", bool(fields & {"%d", "%-d"})),
        )
        if wanted
    )
    said = ""
    if skeleton:
        known = Locale.parse(language).datetime_skeletons
        best = match_skeleton(skeleton, known.keys())
        said = known[best].pattern if best else skeleton
        if "%A" in fields:  # CLDR's patterns abbreviate the weekday; %A asks for it whole
            said = _SHORT_WEEKDAY.sub(lambda m: m.group(1)[0] * 4, said)
    if fields & _TIME:
        said = f"{said} HH:mm".strip()
    return said
