"""The one rule for a day in what the bot says: the year is added when it is not this year
("due Sat 2 Oct 2027" said in 2026; "Fri 01 Jan 2027 08:00" for a post after New Year)."""

from __future__ import annotations

from datetime import date, datetime


def date_text(day: date | datetime, today: date, fmt: str = "%a %-d %b") -> str:
    return day.strftime(fmt if day.year == today.year else f"{fmt} %Y")
