"""Daylight saving time, checked where it bites (standard library only, like the oracle): the
prompt a team scheduled for "mon 07:30" must reach its channel at 07:30 on the team's own clock
on the Monday before each change and on the Monday after it, though those two moments are an
hour apart in UTC. The oracle's scheduled-post check already compares every fire time in UTC;
this one says the same thing in the zone's terms, the way a teacher would notice it, and puts
the moments in the report.

A Monday in a break is passed over for the nearest school Monday (breaks must hold: nothing is
posted then, which the scheduled-post check counts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from simulation.events import EventLog
from simulation.model import Community, Schedule, Team

CHECK = "prompt on the team's clock across DST"
NEAREST = 3  # weeks looked at, either side of a change, for a school day


@dataclass(frozen=True)
class Sighting:
    team: str
    zone: str
    change: date  # the Sunday the clocks moved
    day: date  # the Monday looked at
    want: str  # "07:30"
    got: str  # the local times the channel's scheduled posts arrived that day ("none")
    utc: str  # the same arrivals in UTC


def changes(zone: ZoneInfo, first: date, last: date) -> list[date]:
    """The days in [first, last] whose noon is at another UTC offset than the day before's."""
    out, day = [], first
    while day <= last:
        before = datetime.combine(day - timedelta(days=1), time(12), zone)
        after = datetime.combine(day, time(12), zone)
        if before.utcoffset() != after.utcoffset():
            out.append(day)
        day += timedelta(days=1)
    return out


def arrivals(log: EventLog) -> dict[tuple[str, str], list[datetime]]:
    """Every scheduled channel post, by (community, channel)."""
    out: dict[tuple[str, str], list[datetime]] = {}
    for e in log.of("post"):
        if e.get("scheduled"):
            out.setdefault((e["community"], e["channel"]), []).append(datetime.fromisoformat(e.at))
    return out


def sightings(log: EventLog, communities: dict[str, Community], now: datetime) -> list[Sighting]:
    """The Monday prompts either side of every DST change the run lived through."""
    posted = arrivals(log)
    starts = [datetime.fromisoformat(e.at).date() for e in log.of("schedule")]
    if not starts:
        return []
    out: list[Sighting] = []
    for c in communities.values():
        for team in c.teams.values():
            for s in team.schedules:
                if s.kind != "reflection_prompt":
                    continue
                last = now.astimezone(team.zone).date()
                for change in changes(team.zone, min(starts), last):
                    for day in _mondays(c, s, change, min(starts), last):
                        out.append(_sighting(c, team, s, change, day, posted))
    return out


def _mondays(c: Community, s: Schedule, change: date, first: date, last: date) -> list[date]:
    """The nearest school day of the schedule's weekday before the change, and after it."""
    found = []
    for step in (-1, 1):
        day = change + timedelta(days=(s.weekday - change.weekday()) % 7 or 7)
        if step < 0:
            day -= timedelta(weeks=1)
        for _ in range(NEAREST):
            if first < day <= last and not c.in_break(day):
                found.append(day)
                break
            day += timedelta(weeks=step)
    return found


def _sighting(
    c: Community,
    team: Team,
    s: Schedule,
    change: date,
    day: date,
    posted: dict[tuple[str, str], list[datetime]],
) -> Sighting:
    that_day = [
        at for at in posted.get((c.id, team.channel), []) if at.astimezone(team.zone).date() == day
    ]
    local = ", ".join(sorted(at.astimezone(team.zone).strftime("%H:%M") for at in that_day))
    utc = ", ".join(sorted(at.astimezone(UTC).strftime("%H:%M") for at in that_day))
    return Sighting(
        team.name, str(team.zone), change, day, s.at.strftime("%H:%M"), local or "none", utc
    )


def check(
    expect: Callable[[str, str, Any, Any], bool],
    log: EventLog,
    communities: dict[str, Community],
    now: datetime,
) -> list[str]:
    """Each sighting against its schedule's time (through `expect`); the report's lines."""
    seen = sightings(log, communities, now)
    for s in seen:
        expect(CHECK, f"{s.team} {s.day.isoformat()}", s.want, s.got)
    return summary(seen)


def summary(seen: list[Sighting]) -> list[str]:
    """One line per change and zone: how many teams, the local and UTC times seen."""
    groups: dict[tuple[date, str], list[Sighting]] = {}
    for s in seen:
        groups.setdefault((s.change, s.zone), []).append(s)
    lines = []
    for (change, zone), group in sorted(groups.items()):
        days = sorted({s.day for s in group})
        parts = []
        for day in days:
            local = sorted({s.got for s in group if s.day == day})
            utc = sorted({s.utc for s in group if s.day == day})
            parts.append(f"{day.isoformat()} at {' / '.join(local)} local ({' / '.join(utc)} UTC)")
        teams = len({s.team for s in group})
        lines.append(
            f"clocks moved {change.isoformat()} in {zone}, {teams} team(s): " + "; ".join(parts)
        )
    return lines
