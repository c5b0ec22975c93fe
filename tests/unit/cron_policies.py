"""The documented clock-change policies of the cron oracles, each checked by its definition.

A difference between plcbot's fire times and an oracle's is one instant that only one of them
has. It is explained when it is one of these, at a real clock change of the zone (found from
the tz database here, not from either implementation):
- `skipped_shifted` (only plcbot has it): the image of a matching local time the change
  skipped, read with the offset before the change; plcbot's documented rule.
- `run_at_change` (only the oracle has it): the instant of a forward change whose skipped
  local times include a matching one; the oracle runs them then, once.
- `second_occurrence` (only the oracle has it): the second instant of a matching local time
  that a backward change repeats; plcbot fires the first only.

Which kinds an oracle may show, with the oracle's own words for its policy:
- cronsim 2.x, README "DST Transitions": it "handles Daylight Saving Time transitions the same
  as Debian's cron": for jobs "that run at a specific time" (in its code: neither the minute
  nor the hour field begins with "*") "those jobs that would have run in the interval that has
  been skipped will be run immediately" and "if time has moved backward, care is taken to avoid
  running jobs twice" (`debian_skipped_run_at_change`); "Jobs that run more frequently are
  scheduled normally", i.e. at every real instant, so a skipped time does not run and a
  repeated one runs twice (`debian_each_real_instant`).
- croniter 6–7, `_add_tzinfo`'s docstring: "In case the date does not exist, jump forward to
  the next existing date" (`croniter_skipped_to_next_wall_minute`; `get_next` instead looks for
  the next existing match when the hour field has a "*"), and "In case the new date is
  ambiguous, determine the correct date based on it being closer to the previous date but
  still a successor", so both instants of a repeated time are successors in turn
  (`croniter_each_real_instant`).

Not a policy but defects of cronsim (2.8), found by this test and named so they are not
mistaken for plcbot's. In its "scheduled normally" mode cronsim jumps forward by the minutes or
hours the local clock says are missing, counted in UTC (03:15 to 03:45 is 30 minutes); a jump
across a change whose size or local moment is not a whole hour (Lord Howe's 30 minutes,
Chatham's 02:45) lands past real local times that Debian's cron, checking every real minute,
runs (`cronsim_defect_jumps_across_off_hour_change`, kind `real_after_off_hour_change`: only
plcbot has it, it is the first instant of a real local time that matches, within a day after
such a change). And in the same mode it never returns (loops) when it meets a change back
across midnight, as St John's made at 00:01 until 2011
(`cronsim_defect_loops_at_a_change_back_across_midnight`: checked with a deadline, for a case
whose span from the start to plcbot's last time holds such a change)."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.scheduling.when import When, parse_when

Times = Callable[[str, ZoneInfo, datetime], list[datetime]]
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Oracle:
    name: str
    times: Times
    policies: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    policy: str | None  # None: a failure
    detail: str


@dataclass(frozen=True)
class Change:
    at: datetime  # UTC, the first instant of the new offset
    before: timedelta
    after: timedelta

    def wall(self, offset: timedelta) -> datetime:
        return (self.at + offset).replace(tzinfo=None)


def transitions(zone: ZoneInfo, since: datetime, until_year: int) -> Iterator[datetime]:
    """Every change of the zone's UTC offset from `since` to the end of `until_year`."""
    for change in _changes(
        zone, since, datetime(until_year + 1, 1, 1, tzinfo=UTC), timedelta(days=1)
    ):
        yield change.at


def _changes(zone: ZoneInfo, since: datetime, until: datetime, step: timedelta) -> list[Change]:
    out = []
    t, offset = since, since.astimezone(zone).utcoffset()
    while t < until:
        nxt = t + step
        new = nxt.astimezone(zone).utcoffset()
        if new != offset:
            lo, hi = t, nxt  # the offset changes in (lo, hi]
            while hi - lo > MINUTE:
                mid = lo + (hi - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid.astimezone(zone).utcoffset() == offset:
                    lo = mid if mid > lo else lo + MINUTE
                else:
                    hi = mid
            assert offset is not None and new is not None
            out.append(Change(hi, offset, new))
            offset = new
        t = nxt
    return out


def _matches(when: When, wall: datetime) -> bool:
    return when.matches(wall.date()) and wall.hour in when.hours and wall.minute in when.minutes


def _kind(when: When, zone: ZoneInfo, x: datetime, mine: bool) -> str | None:
    around = _changes(zone, x - timedelta(days=2), x + timedelta(days=1), timedelta(minutes=30))
    for c in around:
        gap = c.after - c.before
        if mine and gap > timedelta(0) and c.at <= x < c.at + gap:
            if _matches(when, (x + c.before).replace(tzinfo=None)):
                return "skipped_shifted"
        if not mine and gap > timedelta(0) and x == c.at:
            walls = (c.wall(c.before) + i * MINUTE for i in range(gap // MINUTE))
            if any(_matches(when, w) for w in walls):
                return "run_at_change"
        if not mine and gap < timedelta(0) and c.at <= x < c.at - gap:
            if _matches(when, (x + c.after).replace(tzinfo=None)):
                return "second_occurrence"
    wall = x.astimezone(zone).replace(tzinfo=None)
    first_real = datetime.combine(wall.date(), wall.time(), zone).astimezone(UTC) == x
    off_hour = any(
        ((c.after - c.before) % timedelta(hours=1) or c.wall(c.before).minute)
        and c.at <= x < c.at + timedelta(days=1)
        for c in around
    )
    if mine and first_real and off_hour and _matches(when, wall):
        return "real_after_off_hour_change"
    return None


def _policy(oracle: Oracle, expr: str, kind: str) -> str | None:
    minute, hour = expr.split()[:2]
    fixed = not minute.startswith("*") and not hour.startswith("*")
    allowed = {
        "debian_skipped_run_at_change": fixed and kind in ("skipped_shifted", "run_at_change"),
        "debian_each_real_instant": not fixed and kind in ("skipped_shifted", "second_occurrence"),
        "croniter_skipped_to_next_wall_minute": kind in ("skipped_shifted", "run_at_change"),
        "croniter_each_real_instant": kind == "second_occurrence",
        "cronsim_defect_jumps_across_off_hour_change": (
            not fixed and kind == "real_after_off_hour_change"
        ),
    }
    return next((p for p in oracle.policies if allowed.get(p)), None)


def classify(
    expr: str, zone: ZoneInfo, mine: list[datetime], theirs: list[datetime], oracle: Oracle
) -> list[Verdict]:
    """One verdict for each instant only one side has, up to where both lists reach."""
    if not mine or not theirs:
        if mine == theirs:
            return []
        return [
            Verdict(None, f"plcbot {_show(mine, zone)} but {oracle.name} {_show(theirs, zone)}")
        ]
    end = min(mine[-1], theirs[-1])
    only_mine = {t for t in mine if t <= end} - set(theirs)
    only_theirs = {t for t in theirs if t <= end} - set(mine)
    when = parse_when(expr)
    out = []
    for x, is_mine in [(t, True) for t in only_mine] + [(t, False) for t in only_theirs]:
        kind = _kind(when, zone, x, is_mine)
        policy = _policy(oracle, expr, kind) if kind else None
        who = "only plcbot" if is_mine else f"only {oracle.name}"
        detail = f"{who} fires {x.astimezone(zone).isoformat()} ({kind or 'no clock-change policy'}); plcbot {_show(mine, zone)}, {oracle.name} {_show(theirs, zone)}"
        out.append(Verdict(policy, detail))
    return out


def _show(times: list[datetime], zone: ZoneInfo) -> str:
    return "[" + ", ".join(t.astimezone(zone).strftime("%Y-%m-%d %H:%M%z") for t in times) + "]"


class OracleHang(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise OracleHang in the block once `seconds` have passed (main thread, Unix)."""

    def expire(signum: int, frame: object) -> None:
        raise OracleHang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def classify_hang(
    expr: str, zone: ZoneInfo, start: datetime, mine: list[datetime], oracle: Oracle
) -> Verdict:
    """The verdict on an oracle that did not return in time."""
    policy = "cronsim_defect_loops_at_a_change_back_across_midnight"
    minute, hour = expr.split()[:2]
    fixed = not minute.startswith("*") and not hour.startswith("*")
    end = mine[-1] if mine else start + timedelta(days=366)
    back_across_midnight = any(
        c.after < c.before and c.wall(c.after).date() < c.wall(c.before).date()
        for c in _changes(zone, start, end + timedelta(days=1), timedelta(hours=1))
    )
    if policy in oracle.policies and not fixed and back_across_midnight:
        return Verdict(policy, "")
    return Verdict(None, f"{oracle.name} did not return; plcbot {_show(mine, zone)}")
