"""The oracle's picture of the district, built from the event log alone (standard library
only): communities, teams, sessions, reflections, what each schedule must have posted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


@dataclass
class Written:
    token: str
    team: str
    user: str
    visibility: str
    at: datetime
    prompt: datetime | None  # the fire time of the prompt it answers, if any


@dataclass
class Schedule:
    kind: str
    weekday: int  # 0 Monday
    at: time  # in the team's zone
    since: datetime  # fire times after this are still to be taken in


@dataclass
class Session:
    topic: str
    opened: datetime
    closed: datetime | None = None
    checkins: dict[str, int] = field(default_factory=dict)  # user -> latest score


@dataclass
class Team:
    channel: str
    name: str
    zone: ZoneInfo
    sessions: list[Session] = field(default_factory=list)
    loose: list[tuple[str, int]] = field(default_factory=list)  # check-ins between sessions
    facilitators: set[str] = field(default_factory=set)
    teachers: set[str] = field(default_factory=set)
    prompts: list[datetime] = field(default_factory=list)  # fire times of prompts posted
    schedules: list[Schedule] = field(default_factory=list)
    stage: int = 1  # 1 analyze … 5 monitor; after 5, stage 1 of the next cycle
    cycle: int = 1
    co_facilitator: str | None = None  # a teacher given the role for a while

    def joined(self, user: str) -> None:
        """Taking part makes one a teacher of the team, unless one facilitates it."""
        if user not in self.facilitators:
            self.teachers.add(user)


@dataclass
class Community:
    id: str
    admins: set[str] = field(default_factory=set)
    teams: dict[str, Team] = field(default_factory=dict)
    breaks: list[tuple[date, date]] = field(default_factory=list)
    reflections: list[Written] = field(default_factory=list)
    reminders_off: set[str] = field(default_factory=set)
    reminded: set[tuple[str, str, datetime]] = field(default_factory=set)  # team, user, prompt
    forgotten: set[str] = field(default_factory=set)
    gone: list[Written] = field(default_factory=list)  # reflections of people who forgot
    # The same reflections found without a scan (a year writes tens of thousands): by token
    # (`reflections` and `gone` alike), and the one answering a prompt by (team, user, prompt).
    by_token: dict[str, Written] = field(default_factory=dict)
    gone_tokens: set[str] = field(default_factory=set)  # the tokens of `gone`
    answers: dict[tuple[str, str, datetime], Written] = field(default_factory=dict)
    expired: list[Written] = field(default_factory=list)  # deleted by the retention job
    expired_tokens: set[str] = field(default_factory=set)  # the tokens of `expired`

    def in_break(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.breaks)


@dataclass
class Expected:
    """What one scheduled moment must have posted: channel posts and reminder DMs."""

    posts: Counter[tuple[str, str, datetime]] = field(default_factory=Counter)  # cid, channel, at
    dms: Counter[tuple[str, str, datetime]] = field(default_factory=Counter)  # cid, user, at
    skipped: int = 0  # fire times that fell in a break
