"""The friendly form of a `when`: days, then a time of day, in 24-hour or US 12-hour style.

"mon,wed 15:30", "weekdays 08:00", "daily 3pm", "tue 3:30 pm", or a time alone ("3pm": every
day). Days may be Spanish too, with or without accents: "lun,mié 15:30", "miercoles 8:00",
"lun-vie 07:30", "laborables 08:00" (what is kept is what was written). A 12-hour time is kept as the 24-hour time it means ("daily 3pm" is kept as "daily
15:00"), so what is stored and shown is what will happen. A time from 1:00 to 6:59 written
with one hour digit and without am or pm ("mon 3:30") is read as the morning but marked
ambiguous: new schedules ask which was meant (a teacher rarely wants a 3:30 a.m. post); stored
ones keep their meaning."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.i18n import _
from bot.scheduling.cron import WhenError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Python's weekday() order
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Spanish, read without accents ("mié" and "mie" alike)
_ES_DAYS = ("lun", "mar", "mie", "jue", "vie", "sab", "dom")
_ES_DAY_NAMES = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
_EVERY_DAY = frozenset({"daily", "everyday", "every-day", "diario", "todos", "a-diario"})
_WEEKDAYS = frozenset({"weekdays", "laborables", "entresemana", "entre-semana"})
_WEEKENDS = frozenset({"weekends", "findes", "fines-de-semana", "fin-de-semana"})
_SIMPLE = re.compile(
    r"^(?:(?P<days>[a-z\u00e0-\u00ff,\-]+)\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?:\s*(?P<half>[ap])\.?m\.?)?$"
)
_FIRST_CLEAR_HOUR = 7  # "7:15" is a morning; "3:30" could be either


@dataclass(frozen=True)
class Phrase:
    source: str  # as kept: lower case, single spaces, a 12-hour time in 24-hour form
    days: frozenset[int]  # Python weekday numbers; empty: every day
    hour: int
    minute: int
    ambiguous: bool  # an early hour without am/pm: ask "in the morning or the afternoon?"


def read_phrase(source: str) -> Phrase | None:
    """The friendly form, or None when `source` is not one (it may be cron)."""
    m = _SIMPLE.match(source)
    if m is None or (m.group("m") is None and m.group("half") is None):
        return None  # a bare number ("mon 15") is neither a time nor a cron line
    words, half = m.group("days"), m.group("half")
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    shown = m.group("h") + (f":{m.group('m')}" if m.group("m") else "")
    if half is not None:
        if not 1 <= hour <= 12 or minute > 59:
            raise WhenError(
                _("“{time}” is not a time of day: use 1–12 with am or pm.").format(
                    time=f"{shown}{half}m"
                )
            )
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 23 or minute > 59:
        raise WhenError(
            _("“{time}” is not a time of day; use 24-hour HH:MM like 15:30.").format(time=shown)
        )
    days = _simple_days(words or "daily")
    if half is not None or words is None:
        source = f"{words or 'daily'} {hour:02d}:{minute:02d}"
    ambiguous = half is None and len(m.group("h")) == 1 and 1 <= hour < _FIRST_CLEAR_HOUR
    return Phrase(source, days, hour, minute, ambiguous)


def morning_or_afternoon(phrase: Phrase) -> str:
    """The question asked for an ambiguous time, with the two ways to answer it."""
    days = phrase.source.rsplit(" ", 1)[0]
    at = f"{phrase.hour}:{phrase.minute:02d}"
    return _(
        "{at} in the morning or the afternoon? Write “{morning}” or “{afternoon}” "
        "(or in 24-hour time, “{morning_24}” or “{afternoon_24}”)."
    ).format(
        at=at,
        morning=f"{days} {at}am",
        afternoon=f"{days} {at}pm",
        morning_24=f"{days} {phrase.hour:02d}:{phrase.minute:02d}",
        afternoon_24=f"{days} {phrase.hour + 12}:{phrase.minute:02d}",
    )


def _plain(word: str) -> str:
    """A word without its accents: "mié" is "mie", "sábado" is "sabado"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _simple_days(words: str) -> frozenset[int]:
    words = _plain(words)
    if words in _EVERY_DAY:
        return frozenset()
    if words in _WEEKDAYS:
        return frozenset(range(5))
    if words in _WEEKENDS:
        return frozenset({5, 6})
    days: set[int] = set()
    for word in words.split(","):
        if "-" in word:  # the friendly form wraps round the week: fri-mon
            a, _dash, b = word.partition("-")
            start, end = _day(a), _day(b)
            days.update(
                range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)]
            )
        else:
            days.add(_day(word))
    return frozenset(days)


def _day(word: str) -> int:
    for names in (DAYS, _DAY_NAMES, _ES_DAYS, _ES_DAY_NAMES):
        if word in names:
            return names.index(word)
    raise WhenError(
        _(
            "“{word}” is not a day. Use mon, tue, wed, thu, fri, sat, sun, weekdays or daily."
        ).format(word=word)
    )
