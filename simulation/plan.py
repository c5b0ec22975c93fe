"""The district a seed makes: communities, teams (each in its own zone), a facilitator per team,
teachers with seeded habits, and the school calendar with its breaks. Nothing here talks to
plcbot; the year (simulation/year.py) acts the plan out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from simulation.world import CONSOLE, DISCORD, SLACK

ZONES = ("America/Chicago", "America/New_York", "America/Los_Angeles", "America/Denver")
FIRST_DAY = date(2026, 9, 14)  # a Monday; DST ends 1 Nov 2026 and starts 14 Mar 2027
BREAKS = (
    (date(2026, 10, 12), date(2026, 10, 12), "Indigenous Peoples' Day"),
    (date(2026, 11, 23), date(2026, 11, 27), "Thanksgiving"),
    (date(2026, 12, 21), date(2027, 1, 1), "Winter break"),
    (date(2027, 3, 22), date(2027, 3, 26), "Spring break"),
)
# (profile, share, chance of a check-in per session, chance of a reflection per week)
PROFILES = (
    ("regular", 0.45, 0.9, 0.85),
    ("occasional", 0.25, 0.4, 0.4),
    ("absent", 0.15, 0.9, 0.8),  # regular, but away for a few weeks
    ("evening", 0.15, 0.7, 0.9),  # reflects on Sunday evenings
)
VISIBILITY = (("private", 0.3), ("facilitators", 0.45), ("team", 0.25))


@dataclass(frozen=True)
class Scale:
    teams: int = 3
    teachers: int = 24
    weeks: int = 5

    @property
    def last_day(self) -> date:
        return FIRST_DAY + timedelta(weeks=self.weeks) - timedelta(days=1)


@dataclass
class TeamPlan:
    community: str
    channel: str
    name: str
    zone: str
    facilitator: str
    teachers: list[str] = field(default_factory=list)


@dataclass
class Teacher:
    community: str
    user: str
    team: str  # channel
    profile: str
    checks_in: float
    reflects: float
    reminders_off: bool
    forgets_on: date | None  # the day they delete their data
    away: tuple[int, int] | None  # weeks (from, to) away


@dataclass
class District:
    seed: int
    scale: Scale
    admins: dict[str, str]  # community -> its admin
    teams: list[TeamPlan]
    teachers: list[Teacher]

    def teacher(self, community: str, user: str) -> Teacher | None:
        return next((t for t in self.teachers if (t.community, t.user) == (community, user)), None)

    def team(self, channel: str) -> TeamPlan:
        return next(t for t in self.teams if t.channel == channel)


def user_id(community: str, kind: str, n: int) -> str:
    if community == DISCORD:  # a snowflake: 9…, the kind's letter code, the number
        return str(900_000_000_000_000_000 + ord(kind) * 1_000_000 + n)
    return f"U{kind}{n:04d}" if community == SLACK else f"{kind.lower()}{n:04d}"


def community_of(n: int) -> str:
    """Team n's community: the third team's at the console (so the console adapter is driven
    in every run of three teams or more), the others alternately on Slack and Discord."""
    if n == 2:
        return CONSOLE
    return (SLACK, DISCORD)[(n - (n > 2)) % 2]


def channel_of(community: str, n: int) -> str:
    if community == DISCORD:  # a snowflake
        return str(700_000_000_000_000_000 + n + 1)
    return f"C{n + 1:03d}" if community == SLACK else f"team{n + 1}"


def make_district(seed: int, scale: Scale, *, console: bool = True) -> District:
    """`console` False: no team at the console, every team alternately on Slack and Discord
    (the two-process world: `plcbot run` serves no console)."""
    rng = random.Random(seed)
    teams = []
    for n in range(scale.teams):
        cid = community_of(n) if console else (SLACK, DISCORD)[n % 2]
        channel = channel_of(cid, n)
        name = f"Team {n + 1}"
        teams.append(TeamPlan(cid, channel, name, ZONES[n % len(ZONES)], user_id(cid, "F", n)))
    teachers = [_teacher(rng, scale, teams[n % len(teams)], n) for n in range(scale.teachers)]
    if scale.weeks >= 2 and teachers and not any(t.forgets_on for t in teachers):
        # Every run has someone who deletes their data mid-run.
        rng.choice(teachers).forgets_on = FIRST_DAY + timedelta(
            days=rng.randrange(7, scale.weeks * 7)
        )
    for t in teachers:
        next(p for p in teams if p.channel == t.team).teachers.append(t.user)
    used = dict.fromkeys(t.community for t in teams)  # the communities with a team, in order
    admins = {cid: user_id(cid, "A", 1) for cid in used}
    return District(seed, scale, admins, teams, teachers)


def _teacher(rng: random.Random, scale: Scale, team: TeamPlan, n: int) -> Teacher:
    roll, profile = rng.random(), PROFILES[-1]
    for p in PROFILES:
        if roll < p[1]:
            profile = p
            break
        roll -= p[1]
    forgets = rng.random() < 0.08 and scale.weeks >= 2
    forget_day = FIRST_DAY + timedelta(days=rng.randrange(7, scale.weeks * 7)) if forgets else None
    away = None
    if profile[0] == "absent" and scale.weeks > 2:
        first = rng.randrange(1, scale.weeks)
        away = (first, first + rng.randrange(1, 4))
    return Teacher(
        community=team.community,
        user=user_id(team.community, "T", n),
        team=team.channel,
        profile=profile[0],
        checks_in=profile[2],
        reflects=profile[3],
        reminders_off=rng.random() < 0.2,
        forgets_on=forget_day,
        away=away,
    )


def visibility(rng: random.Random) -> str:
    roll = rng.random()
    for name, share in VISIBILITY:
        if roll < share:
            return name
        roll -= share
    return VISIBILITY[-1][0]
