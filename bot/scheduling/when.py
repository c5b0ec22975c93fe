"""`when` expressions: "mon,wed 15:30", "weekdays 08:00", "daily 3pm", or 5-field cron,
evaluated in a team's IANA time zone.

Daylight saving: every real local time that matches fires once. A local time that does not
exist on a spring-forward day (02:30 in New York) fires once, at the moment it would have been
(03:30 local); a local time that happens twice on the autumn day fires once, at its first
occurrence. This holds for changes of any size at any hour (Lord Howe's 30 minutes, Chatham's
03:45, St John's 00:01)."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.i18n import _
from bot.scheduling.cron import WhenError, cron_fields
from bot.scheduling.phrases import read_phrase

__all__ = [
    "EXAMPLES",
    "When",
    "WhenError",
    "fire_times",
    "latest_at_or_before",
    "next_fire_times",
    "parse_when",
]

# Clock changes are shorter than this (30 min to 2 h): a local time this much before `after`
# on its own day, or on any earlier day, is before `after` even when a change moved it.
DST_MARGIN_HOURS = 3
EXAMPLES = '"mon,wed 15:30", "weekdays 08:00", "daily 3pm" or cron "30 15 * * 1,3"'
# The Gregorian calendar repeats exactly every 400 years (146,097 days, 20,871 weeks): a day
# that matches at all matches within that long (29 February on a Sunday can be 40 years apart).
_CYCLE = timedelta(days=146_097)
_REACH = timedelta(hours=16)  # beyond any UTC offset the tz database has had (±15:56 in 1844)
_DAY_REACH = timedelta(days=1) + _REACH  # a local day's instants lie before its midnight + this
_LONGEST = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class When:
    source: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days_of_month: frozenset[int]  # empty: any
    months: frozenset[int]  # empty: any
    weekdays: frozenset[int]  # Python weekday numbers, 0 = Monday; empty: any
    # Vixie cron: when both day fields are restricted and neither begins with "*", a day
    # matching either of them is enough; otherwise a day must match both.
    either_day: bool = False
    ambiguous: bool = False  # "mon 3:30": new schedules ask morning or afternoon (phrases.py)

    def matches(self, day: date) -> bool:
        if self.months and day.month not in self.months:
            return False
        dom_ok = not self.days_of_month or day.day in self.days_of_month
        dow_ok = not self.weekdays or day.weekday() in self.weekdays
        return (dom_ok or dow_ok) if self.either_day else (dom_ok and dow_ok)

    def can_occur(self) -> bool:
        """False for a day of the month no month has, e.g. 31 February."""
        if self.either_day or not self.days_of_month:
            return True
        months = self.months or range(1, 13)
        return any(d <= _LONGEST[m - 1] for m in months for d in self.days_of_month)

    def times_of_day(self) -> tuple[time, ...]:
        return _times_of_day(self.hours, self.minutes)

    def describe(self) -> str:
        return self.source


@lru_cache(maxsize=1024)
def _times_of_day(hours: tuple[int, ...], minutes: tuple[int, ...]) -> tuple[time, ...]:
    """In order (hours and minutes are sorted); made once per spec, not at every tick."""
    return tuple(time(h, m) for h in hours for m in minutes)


@lru_cache(maxsize=4096)
def parse_when(text: str) -> When:
    source = " ".join(text.strip().lower().split())
    if not source:
        raise WhenError(_("Say when, for example {examples}.").format(examples=EXAMPLES))
    phrase = read_phrase(source)
    if phrase is not None:
        return When(
            phrase.source,
            (phrase.minute,),
            (phrase.hour,),
            frozenset(),
            frozenset(),
            phrase.days,
            ambiguous=phrase.ambiguous,
        )
    fields = source.split(" ")
    if len(fields) == 5:
        c = cron_fields(fields)
        return When(
            source,
            c.minutes,
            c.hours,
            c.days_of_month,
            c.months,
            frozenset((d - 1) % 7 for d in c.weekdays),  # cron 0 and 7: Sunday
            either_day=c.either_day,
        )
    raise WhenError(
        _("I can't read “{when}” as a time. Try {examples}.").format(
            when=text.strip(), examples=EXAMPLES
        )
    )


def _matching_days(when: When, first: date) -> Iterator[date]:
    """The days that match, in order from `first`, for one whole Gregorian cycle."""
    if not when.can_occur():
        return
    end = first + _CYCLE if first < date.max - _CYCLE else date.max
    only = (
        sorted(when.days_of_month) if when.days_of_month and not when.either_day else range(1, 32)
    )
    year, month = first.year, first.month
    while (year, month) <= (end.year, end.month):
        if not when.months or month in when.months:
            for d in only:
                if d < 29 or _exists(year, month, d):
                    day = date(year, month, d)
                    if first <= day <= end and when.matches(day):
                        yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    # fold=0: the first of two repeated times; a missing time maps to the instant it would be
    # (read with the offset in force before the change), which is after the change.
    return datetime.combine(day, at, zone).astimezone(UTC)


def fire_times(when: When, zone: ZoneInfo, after: datetime) -> Iterator[datetime]:
    """Fire times strictly after `after` (aware), in order, once each, as aware UTC datetimes.

    A missing local time maps to a later instant than real local times after it on the same
    day (Lord Howe's 02:20 is 02:50, after the real 02:40), so instants are put in order before
    any is given out: one is given out once no later local day can have an earlier one (a local
    day's instants lie within _REACH of its midnight read as UTC)."""
    if after.tzinfo is None:
        raise ValueError("fire_times needs an aware datetime")
    times = when.times_of_day()
    pending: list[datetime] = []
    last: datetime | None = None
    local = after.astimezone(zone)
    for day in _matching_days(when, local.date() - timedelta(days=2)):
        midnight = datetime.combine(day, time(), UTC)
        if midnight + timedelta(days=1) + _REACH <= after:
            continue  # the whole day is before `after`
        if day < local.date() and local.hour >= DST_MARGIN_HOURS:
            continue  # every time of an earlier local day is before `after` (converting an
            # every-minute spec's 1,440 times a day cost ~19 ms a schedule)
        offset = _steady(day, zone)
        if offset is not None:  # no clock change this day: wall time and instant keep order
            start = bisect_right(times, local.time()) if day == local.date() else 0
            for at in times[start:]:
                utc = datetime.combine(day, at, UTC) - offset
                for t in (*_ready(pending, utc), utc):
                    if t > after and t != last:
                        last = t
                        yield t
            continue
        for at in times[_first_candidate(times, day, local) :]:
            utc = _local_to_utc(day, at, zone)
            if utc > after:
                heapq.heappush(pending, utc)
            # Later local times come no earlier than this one less a clock change: what lies
            # before that can be given out now.
            for t in _ready(pending, utc - timedelta(hours=DST_MARGIN_HOURS)):
                if t != last:
                    last = t
                    yield t
        for t in _ready(pending, midnight + timedelta(days=1) - _REACH):
            if t != last:
                last = t
                yield t
    for t in _ready(pending, None):
        if t != last:
            last = t
            yield t


@lru_cache(maxsize=4096)
def _steady(day: date, zone: ZoneInfo) -> timedelta | None:
    """The day's one UTC offset when no clock change falls within it, else None. Cached: a
    minute's thousands of schedules share a few zones and days."""
    offsets = {datetime.combine(day, time(h), zone).utcoffset() for h in (0, 6, 12, 18)}
    offsets.add(datetime.combine(day + timedelta(days=1), time(), zone).utcoffset())
    only = offsets.pop()
    return only if not offsets else None


def _ready(pending: list[datetime], below: datetime | None) -> Iterator[datetime]:
    """Take from the heap, in order, the instants before `below` (all of them: None)."""
    while pending and (below is None or pending[0] < below):
        yield heapq.heappop(pending)


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
    """The last fire time in [start, now], or None: the one run that missed runs coalesce into.

    Found walking back day by day from `now` (not forward through every fire time since
    `start`: an every-minute spec a day behind gave out 1,440 instants, ~4 ms a claim). A
    steady day's latest time at or before `now` is one bisection; a day with a clock change
    converts its times one by one, as fire_times does. Same instants as fire_times gives."""
    if start.tzinfo is None or now.tzinfo is None:
        raise ValueError("latest_at_or_before needs aware datetimes")
    if now < start or not when.can_occur():
        return None
    times = when.times_of_day()
    best: datetime | None = None
    first = start.astimezone(zone).date() - timedelta(days=2)
    day = now.astimezone(zone).date() + timedelta(days=1)
    while day >= first:
        if best is not None and datetime.combine(day, time(), UTC) + _DAY_REACH < best:
            break  # this day's instants, and every earlier day's, are before the best found
        if when.matches(day):
            latest = _latest_on(day, times, zone, now)
            if latest is not None and latest >= start and (best is None or latest > best):
                best = latest
        day -= timedelta(days=1)
    return best


def _latest_on(
    day: date, times: tuple[time, ...], zone: ZoneInfo, now: datetime
) -> datetime | None:
    """The latest instant of `day`'s times (local, in `zone`) at or before `now`, or None."""
    offset = _steady(day, zone)
    if offset is None:  # a clock change: wall time and instant may not keep order
        instants = (_local_to_utc(day, at, zone) for at in times)
        return max((t for t in instants if t <= now), default=None)
    wall = now.astimezone(UTC).replace(tzinfo=None) + offset
    if wall.date() < day:
        return None
    found = len(times) if wall.date() > day else bisect_right(times, wall.time())
    return datetime.combine(day, times[found - 1], UTC) - offset if found else None
