"""What plcbot must answer, computed by the oracle from its own picture of the district: the
team report's figures, the reflections a reader may list, an export's counts and a streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from simulation.model import Community, Team, Written

LISTING_DAYS = 30  # `/plc reflections` without a date: the last 30 days
LISTED = 15  # a listing shows the newest 15 it may


@dataclass(frozen=True)
class Report:
    sessions: int
    checked_in: tuple[int, ...]  # per session, oldest first (the report shows the last ten)
    checkins: int
    arrival: str  # the average of every check-in, one decimal ("" without check-ins)
    reflections: int
    stage: tuple[int, int]  # (cycle, stage)


def one_decimal(total: int, n: int) -> str:
    """Rounded half to even, as Python's format does; the report shows one decimal."""
    return f"{total / n:.1f}" if n else ""


def report(c: Community, team: Team) -> Report:
    scores = [s for session in team.sessions for s in session.checkins.values()]
    scores += [s for _, s in team.loose]
    return Report(
        sessions=len(team.sessions),
        checked_in=tuple(len(s.checkins) for s in team.sessions),
        checkins=len(scores),
        arrival=one_decimal(sum(scores), len(scores)),
        reflections=sum(1 for r in c.reflections if r.team == team.channel),
        stage=(team.cycle, team.stage),
    )


def overview_line(c: Community, team: Team) -> tuple[int, int, int, str, int]:
    """A team's line in `/plc report all`: stage, cycle, sessions, arrival, reflections."""
    r = report(c, team)
    return team.stage, team.cycle, r.sessions, r.arrival, r.reflections


def listing(c: Community, team: Team, reader: str, now: datetime) -> set[str]:
    """The reflections `reader` must see in `/plc reflections`: the team's, of the last 30
    days, written by others, shared with the team, or with the facilitators when the reader
    facilitates this team, the newest 15 of them. Private ones never."""
    since = now - timedelta(days=LISTING_DAYS)
    readable = [
        r
        for r in c.reflections
        if r.team == team.channel
        and r.at >= since
        and r.user != reader
        and (
            r.visibility == "team"
            or (r.visibility == "facilitators" and reader in team.facilitators)
        )
    ]
    ordered = sorted(readable, key=lambda r: r.at)  # stable: written in this order
    return {r.token for r in ordered[-LISTED:]}


def export_counts(c: Community, user: str) -> dict[str, int]:
    teams = c.teams.values()
    in_sessions = sum(1 for t in teams for s in t.sessions if user in s.checkins)
    between = sum(1 for t in teams for u, _ in t.loose if u == user)
    checkins = in_sessions + between
    return {"reflections": len(mine(c, user)), "checkins": checkins}


def pd_minutes(c: Community, user: str, now: datetime) -> int:
    """The PD-hours log: every session the person checked in to, as long as it lasted (an
    open one until now), in whole minutes."""
    return sum(
        int(((s.closed or now) - s.opened).total_seconds() // 60)
        for t in c.teams.values()
        for s in t.sessions
        if user in s.checkins
    )


def mine(c: Community, user: str) -> list[Written]:
    return [r for r in c.reflections if r.user == user]


def local_day(c: Community, r: Written) -> date:
    return r.at.astimezone(c.teams[r.team].zone).date()


def streak(c: Community, user: str, today: date) -> tuple[int, int]:
    """(weeks in a row ending this week, or last week while this one has none; reflections
    in all). Weeks are Monday to Sunday as the teacher lives them (their team's calendar)."""
    written = mine(c, user)
    weeks = {local_day(c, r) - timedelta(days=local_day(c, r).weekday()) for r in written}
    week = today - timedelta(days=today.weekday())
    if week not in weeks:
        week -= timedelta(weeks=1)
    n = 0
    while week in weeks:
        n += 1
        week -= timedelta(weeks=1)
    return n, len(written)
