"""The days of `/plc calendar off`: ISO dates (2026-11-26), or US month/day/year (11/26/2026),
one day or a range FROM..TO. A slashed date is read month first, and the use case accepts it
only for a US-English team, saying how it was read (elsewhere 11/01 is the 11th of January)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Days:
    first: date
    last: date
    slashed: bool  # written month/day/year


def read_days(word: str) -> Days | None:
    """'2026-11-26', '2026-11-26..2026-11-27', '11/26/2026' or '11/26/2026..11/27/2026'; None
    when the word is not days at all (ValueError when it looks like days but is no date)."""
    a, dots, b = word.partition("..")
    first, slashed_a = _day(a)
    last, slashed_b = _day(b) if dots else (first, slashed_a)
    if first is None or last is None:
        if dots or _looks_dated(a):
            raise ValueError(word)
        return None
    return Days(first, last, slashed_a or slashed_b)


def _looks_dated(word: str) -> bool:
    return bool(re.match(r"^\d+[-/]", word))


def _day(word: str) -> tuple[date | None, bool]:
    m = _US.match(word)
    if m:
        month, day, year = (int(g) for g in m.groups())
        try:
            return date(year, month, day), True
        except ValueError:
            return None, True
    try:
        return date.fromisoformat(word), False
    except ValueError:
        return None, False
