"""The next times a schedule will really post, and the ones a calendar break skips: what
`/plc schedule list` and `add` show, read the way the runner decides (a break covers a local
day in the schedule's zone)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.scheduling.model import CalendarBreak
from bot.scheduling.when import When, fire_times

_SHOWN_PER_BREAK = 3  # then the rest of the break is jumped over (an every-hour spec has many)


@dataclass
class Upcoming:
    posts: list[datetime] = field(default_factory=list)
    skipped: list[tuple[datetime, CalendarBreak]] = field(default_factory=list)


def upcoming(
    when: When,
    zone: ZoneInfo,
    after: datetime,
    breaks: Sequence[CalendarBreak],
    team_id: int,
    count: int = 3,
) -> Upcoming:
    """The next `count` posts after `after`, and the fire times skipped before the last."""
    out = Upcoming()
    start: datetime | None = after
    while start is not None and len(out.posts) < count:
        start = _walk(when, zone, start, breaks, team_id, count, out)
    return out


def _walk(
    when: When,
    zone: ZoneInfo,
    start: datetime,
    breaks: Sequence[CalendarBreak],
    team_id: int,
    count: int,
    out: Upcoming,
) -> datetime | None:
    """Collect from `start` on; the instant to go on from after jumping a break, or None."""
    in_break: dict[int, int] = {}
    for t in fire_times(when, zone, start):
        day = t.astimezone(zone).date()
        brk = next((b for b in breaks if b.covers(day, team_id)), None)
        if brk is None:
            out.posts.append(t)
            if len(out.posts) == count:
                return None
            continue
        in_break[brk.id] = in_break.get(brk.id, 0) + 1
        if in_break[brk.id] > _SHOWN_PER_BREAK:
            after_break = datetime.combine(brk.last_day + timedelta(days=1), time(), zone)
            return after_break - timedelta(microseconds=1)
        out.skipped.append((t, brk))
    return None
