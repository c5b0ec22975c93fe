"""What the web panel's pages must show, worked out by the oracle from its own picture of the
district (standard library only, no plcbot code): a team's check-ins per session chart (the
last twelve sessions, each with how many checked in and their arrival average) and an admin's
overview row (stage, cycle, sessions, how many checked in at the last one, the arrival average
and the share of prompts answered)."""

from __future__ import annotations

from datetime import datetime

from simulation.model import Community, Session, Team

CHARTED = 12  # a team page charts the last twelve sessions


def figure_text(value: float | None) -> str:
    """A figure as a page prints it: "–" for none, else the shortest form ("3", "3.5")."""
    return "–" if value is None else f"{value:g}"


def mean(scores: list[int]) -> float | None:
    return round(sum(scores) / len(scores), 1) if scores else None


def session_row(s: Session) -> tuple[str, str]:
    """(checked in, arrival) of one session, as the chart's table prints them."""
    return str(len(s.checkins)), figure_text(mean(list(s.checkins.values())))


def attendance(team: Team) -> list[tuple[str, str]]:
    return [session_row(s) for s in team.sessions[-CHARTED:]]


def answered_since(c: Community, team: Team, since: datetime | None) -> int:
    """(prompt, person) pairs answered among the team's prompts sent since `since`."""
    return sum(
        1
        for r in c.reflections
        if r.team == team.channel and r.prompt is not None and (since is None or r.prompt >= since)
    )


def response(c: Community, team: Team, since: datetime | None) -> str:
    """The share of (prompt, teacher) pairs answered, a whole percent: of the prompts sent
    since `since` when the community deletes reflections older than that (their answers to
    older prompts are gone), else since the team began."""
    prompts = sum(1 for p in team.prompts if since is None or p >= since)
    teachers = len(team.teachers)
    if not prompts or not teachers:
        return "–"
    return f"{round(100 * (answered_since(c, team, since) / (prompts * teachers)))}%"


def overview_row(c: Community, team: Team, since: datetime | None) -> tuple[str, ...]:
    """(stage, cycle, sessions, checked in at the last, arrival, prompts answered)."""
    scores = [n for s in team.sessions for n in s.checkins.values()]
    scores += [n for _, n in team.loose]
    last = str(len(team.sessions[-1].checkins)) if team.sessions else "–"
    arrival = "–" if not scores else str(round(sum(scores) / len(scores), 1))
    return (
        str(team.stage),
        str(team.cycle),
        str(len(team.sessions)),
        last,
        arrival,
        response(c, team, since),
    )
