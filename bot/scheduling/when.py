"""`when` expressions: "mon,wed 15:30", "weekdays 08:00", "daily 16:00", or 5-field cron,
evaluated in a team's IANA time zone.

Daylight saving: a local time that does not exist on the spring-forward day (02:30 in New
York) fires once, at the moment it would have been (03:30 local); a local time that happens
twice on the autumn day fires once, at its first occurrence."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.text import whole_number

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Python's weekday() order
DST_MARGIN_HOURS = 3
EXAMPLES = '"mon,wed 15:30", "weekdays 08:00", "daily 16:00" or cron "30 15 * * 1,3"'


class WhenError(ValueError):
    pass


@dataclass(frozen=True)
class When:
    source: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days_of_month: frozenset[int]  # empty: any
    months: frozenset[int]  # empty: any
    weekdays: frozenset[int]  # Python weekday numbers, 0 = Monday; empty: any

    def matches(self, day: date) -> bool:
        if self.months and day.month not in self.months:
            return False
        dom_ok = not self.days_of_month or day.day in self.days_of_month
        dow_ok = not self.weekdays or day.weekday() in self.weekdays
        if self.days_of_month and self.weekdays:
            return dom_ok or dow_ok  # cron: either restriction may match
        return dom_ok and dow_ok

    def times_of_day(self) -> tuple[time, ...]:
        return _times_of_day(self.hours, self.minutes)

    def describe(self) -> str:
        return self.source


@lru_cache(maxsize=1024)
def _times_of_day(hours: tuple[int, ...], minutes: tuple[int, ...]) -> tuple[time, ...]:
    """In order (hours and minutes are sorted); made once per spec, not at every tick."""
    return tuple(time(h, m) for h in hours for m in minutes)


_SIMPLE = re.compile(r"^(?P<days>[a-z,\-]+)\s+(?P<h>\d{1,2}):(?P<m>\d{2})$")


@lru_cache(maxsize=4096)
def parse_when(text: str) -> When:
    source = " ".join(text.strip().lower().split())
    if not source:
        raise WhenError(f"Say when, for example {EXAMPLES}.")
    m = _SIMPLE.match(source)
    if m:
        hour, minute = int(m.group("h")), int(m.group("m"))
        if hour > 23 or minute > 59:
            raise WhenError(
                f"“{m.group('h')}:{m.group('m')}” is not a time of day; use 24-hour HH:MM like 15:30."
            )
        return When(
            source, (minute,), (hour,), frozenset(), frozenset(), _simple_days(m.group("days"))
        )
    fields = source.split(" ")
    if len(fields) == 5:
        return _cron(source, fields)
    raise WhenError(f"I can't read “{text.strip()}” as a time. Try {EXAMPLES}.")


def _simple_days(words: str) -> frozenset[int]:
    if words in ("daily", "everyday", "every-day"):
        return frozenset()
    if words == "weekdays":
        return frozenset(range(5))
    if words == "weekends":
        return frozenset({5, 6})
    days: set[int] = set()
    for word in words.split(","):
        if "-" in word:
            a, _, b = word.partition("-")
            start, end = _day(a), _day(b)
            days.update(
                range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)]
            )
        else:
            days.add(_day(word))
    return frozenset(days)


def _day(word: str) -> int:
    key = word[:3]
    if key not in DAYS or not DAYS[DAYS.index(key)].startswith(key) or len(word) < 3:
        raise WhenError(
            f"“{word}” is not a day. Use mon, tue, wed, thu, fri, sat, sun, weekdays or daily."
        )
    return DAYS.index(key)


_CRON_NAMES = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
_MONTHS = {
    n: i for i, n in enumerate(("jan feb mar apr may jun jul aug sep oct nov dec").split(), 1)
}


def _cron_field(
    text: str, lo: int, hi: int, names: dict[str, int], what: str
) -> frozenset[int] | None:
    """The values of one cron field; None for '*' (any)."""
    if text == "*":
        return None
    values: set[int] = set()
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = whole_number(step_text) or None  # a step of 0 is no step
        if step_text and step is None:
            raise WhenError(f"“{part}” has a bad step in the {what} field.")
        if body == "*":
            start, end = lo, hi
        elif "-" in body:
            a, _, b = body.partition("-")
            start, end = _cron_value(a, names, what), _cron_value(b, names, what)
        else:
            start = _cron_value(body, names, what)
            end = hi if step else start
        if not (lo <= start <= hi and lo <= end <= hi) or start > end:
            raise WhenError(f"“{part}” is outside {lo}–{hi} in the {what} field.")
        values.update(range(start, end + 1, step or 1))
    return frozenset(values)


def _cron_value(word: str, names: dict[str, int], what: str) -> int:
    number = whole_number(word)
    if number is not None:
        return number
    if word[:3] in names:
        return names[word[:3]]
    raise WhenError(f"“{word}” is not a value of the {what} field.")


def _cron(source: str, fields: list[str]) -> When:
    minute, hour, dom, month, dow = fields
    minutes = _cron_field(minute, 0, 59, {}, "minute")
    hours = _cron_field(hour, 0, 23, {}, "hour")
    days = _cron_field(dom, 1, 31, {}, "day-of-month")
    months = _cron_field(month, 1, 12, _MONTHS, "month")
    weekdays = _cron_field(dow, 0, 7, _CRON_NAMES, "day-of-week")
    python_days = (
        frozenset(((d - 1) % 7) for d in weekdays) if weekdays is not None else frozenset()
    )
    return When(
        source,
        tuple(sorted(minutes if minutes is not None else range(60))),
        tuple(sorted(hours if hours is not None else range(24))),
        days or frozenset(),
        months or frozenset(),
        python_days,
    )


def check_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError) as e:
        raise WhenError(
            f"“{name}” is not a time zone. Use an IANA name such as America/New_York."
        ) from e


def _local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    # fold=0: the first of two repeated times; a missing time maps to the instant it would be.
    return datetime.combine(day, at, zone).astimezone(UTC)


def fire_times(
    when: When, zone: ZoneInfo, after: datetime, *, horizon_days: int = 400
) -> Iterator[datetime]:
    """Fire times strictly after `after` (aware), in order, as aware UTC datetimes."""
    if after.tzinfo is None:
        raise ValueError("fire_times needs an aware datetime")
    times = when.times_of_day()
    if not times:
        return
    local = after.astimezone(zone)
    day = local.date() - timedelta(days=1)
    last: datetime | None = None
    for _ in range(horizon_days + 2):
        # A day whose last time is not after `after` has nothing to give: skip it unconverted
        # (an every-minute spec has 1,440 times a day; converting each cost ~19 ms a schedule).
        if when.matches(day) and _local_to_utc(day, times[-1], zone) > after:
            for at in times[_first_candidate(times, day, local) :]:
                utc = _local_to_utc(day, at, zone)
                if utc > after and (last is None or utc > last):
                    last = utc
                    yield utc
        day += timedelta(days=1)


def _first_candidate(times: tuple[time, ...], day: date, local: datetime) -> int:
    """On `after`'s own local day, skip the times well before it: three hours of margin cover
    any daylight-saving shift between wall time and the instant."""
    if day != local.date() or local.hour < DST_MARGIN_HOURS:
        return 0
    return bisect_left(times, (local - timedelta(hours=DST_MARGIN_HOURS)).time())


def next_fire_times(when: When, zone: ZoneInfo, after: datetime, count: int = 3) -> list[datetime]:
    out: list[datetime] = []
    for t in fire_times(when, zone, after):
        out.append(t)
        if len(out) == count:
            break
    return out


def latest_at_or_before(
    when: When, zone: ZoneInfo, start: datetime, now: datetime
) -> datetime | None:
    """The last fire time in [start, now], or None: the one run that missed runs coalesce into."""
    latest = None
    for t in fire_times(when, zone, start - timedelta(microseconds=1)):
        if t > now:
            break
        latest = t
    return latest
