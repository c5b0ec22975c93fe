"""Month/day/year dates (11/01/2026): read month first, and accepted only from a US-English
team, whose answer says how the date was read; elsewhere 11/01 is the 11th of January, so the
person is asked for year-month-day instead. One rule for `calendar off`, `by` and `since`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.day_words import date_text
from bot.domain import Team
from bot.i18n import _, fill
from bot.messages import Plain
from bot.usecases.context import Refusal

# Zones where month/day/year is how dates are written (with an English-language team).
_US_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
             "America/Los_Angeles", "America/Anchorage", "America/Boise", "America/Detroit",
             "America/Juneau", "America/Adak", "America/Puerto_Rico", "Pacific/Honolulu")  # fmt: skip
_US_PREFIXES = ("US/", "America/Indiana/", "America/Kentucky/", "America/North_Dakota/")


def us_english(team: Team) -> bool:
    return team.language.lower().startswith("en") and (
        team.timezone in _US_ZONES or team.timezone.startswith(_US_PREFIXES)
    )


def read_as(
    written: str | None, day: date, teams: Sequence[Team], what: str = "date", field: str = ""
) -> str:
    """How a month/day/year date was read (" (read “11/01/2026” as month/day/year)"), or '' for
    an ISO date; refused unless every team it is read for writes dates month first."""
    if written is None:
        return ""
    if not teams or not all(us_english(t) for t in teams):
        template = (
            _(
                "“{written}” could be read month first or day first: write the days as "
                "year-month-day, like {iso} (that is {day} read month first)."
            )
            if what == "days"
            else _(
                "“{written}” could be read month first or day first: write the date as "
                "year-month-day, like {iso} (that is {day} read month first)."
            )
        )
        raise Refusal(
            *fill(
                template,
                written=Plain(written),
                iso=day.isoformat(),
                day=date_text(day, day, "%d %B %Y"),
            ),
            field=field or None,
        )
    return _(" (read “{written}” as month/day/year)").format(written=written)
