"""The report's figures as plain data: what a team's sessions, check-ins, reflections and
feedback add up to. Storage computes them in a fixed number of queries (`ports.ReportReads`);
the chat report and any other renderer (a web page, JSON) format the same figures. The arrival
average and the response rate are defined here and nowhere else.

Counts only, never contents: no figure carries anyone's words or who said what."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from bot.domain import StageChange


def arrival(score_sum: int, count: int) -> float | None:
    """The arrival average: the mean check-in score (1–5), None without check-ins."""
    return score_sum / count if count else None


def arrival_of(scores: Iterable[int]) -> float | None:
    values = list(scores)
    return arrival(sum(values), len(values))


def rate(answered: int, prompts: int, teachers: int) -> float | None:
    """The response rate: the share of (prompt, teacher) pairs answered; None before any
    prompt or teacher. Private reflections count; their text never shows."""
    return answered / (prompts * teachers) if prompts and teachers else None


@dataclass(frozen=True)
class Pulse:
    """Feedback at session close: how many chose each point of the relevance scale (1–5), and
    how many would or would not recommend the session."""

    relevant: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    recommend_yes: int = 0
    recommend_no: int = 0

    @property
    def relevant_answers(self) -> int:
        return sum(self.relevant)

    @property
    def strongly_agree(self) -> int:
        return self.relevant[4]

    @property
    def agree_or_better(self) -> int:
        return self.relevant[3] + self.relevant[4]

    @property
    def recommend_answers(self) -> int:
        return self.recommend_yes + self.recommend_no

    def __add__(self, other: Pulse) -> Pulse:
        r = tuple(a + b for a, b in zip(self.relevant, other.relevant, strict=True))
        return Pulse(
            (r[0], r[1], r[2], r[3], r[4]),
            self.recommend_yes + other.recommend_yes,
            self.recommend_no + other.recommend_no,
        )


@dataclass(frozen=True)
class SessionFigures:
    id: int
    topic: str
    opened_at: datetime
    closed_at: datetime | None
    checked_in: int = 0
    score_sum: int = 0
    pulse: Pulse = field(default_factory=Pulse)  # the feedback given at this session's close

    @property
    def arrival(self) -> float | None:
        return arrival(self.score_sum, self.checked_in)

    def length(self, now: datetime) -> timedelta:
        return (self.closed_at or now) - self.opened_at


@dataclass(frozen=True)
class PromptFigures:
    """One prompt sent to the team: when, and how many people answered it."""

    sent_at: datetime
    answered: int = 0


class Totals:
    """The arrival average and the response rate of anything that counts check-ins and
    answered prompts (a team's figures, or its summary)."""

    checkins: int
    score_sum: int
    prompts: int
    answered: int
    teachers: int

    @property
    def arrival(self) -> float | None:
        return arrival(self.score_sum, self.checkins)

    @property
    def response_rate(self) -> float | None:
        return rate(self.answered, self.prompts, self.teachers)


@dataclass(frozen=True)
class TeamSummary(Totals):
    """A team's figures ever, summed up by the database (what an overview row shows): how many
    sessions, the last one's day and check-ins, and the totals; no per-session figures."""

    team_id: int
    sessions: int = 0
    last_session: datetime | None = None  # when the last session opened
    last_checked_in: int = 0  # how many checked in at it
    checkins: int = 0
    score_sum: int = 0
    prompts: int = 0
    answered: int = 0
    teachers: int = 0


@dataclass(frozen=True)
class TeamFigures(Totals):
    """One team's figures since a moment (or ever)."""

    team_id: int
    sessions: tuple[SessionFigures, ...] = ()  # oldest first
    checkins: int = 0
    score_sum: int = 0
    reflections: int = 0
    prompts: int = 0
    answered: int = 0  # distinct (prompt, person) pairs answered among those prompts
    teachers: int = 0
    pulse: Pulse = field(default_factory=Pulse)
    stages: tuple[StageChange, ...] = ()  # the whole history, oldest first
    sent: tuple[PromptFigures, ...] = ()  # the prompts counted in `prompts`, oldest first

    def kept(self, since: datetime | None) -> TeamFigures:
        """The figures with only the prompts sent since `since` in the response rate (None:
        every prompt): retention deletes the answers to older ones, and counting those prompts
        as unanswered would make the share fall after every retention run."""
        if since is None:
            return self
        sent = tuple(p for p in self.sent if p.sent_at >= since)
        return replace(self, sent=sent, prompts=len(sent), answered=sum(p.answered for p in sent))

    def arrival_trend(self) -> list[float]:
        """The arrival average of each session with check-ins, in the order they were held."""
        return [s.arrival for s in self.sessions if s.arrival is not None]

    def time_in_closed_sessions(self) -> timedelta:
        return sum((s.closed_at - s.opened_at for s in self.sessions if s.closed_at), timedelta())

    def weekly_response(self, zone: tzinfo) -> list[tuple[date, float | None]]:
        """The response rate of the prompts sent each week (Monday in `zone`), oldest first."""
        weeks: dict[date, list[int]] = {}
        for p in self.sent:
            day = p.sent_at.astimezone(zone).date()
            week = weeks.setdefault(day - timedelta(days=day.weekday()), [0, 0])
            week[0] += 1
            week[1] += p.answered
        return [(w, rate(a, n, self.teachers)) for w, (n, a) in weeks.items()]

    def time_in_stages(self, now: datetime) -> list[tuple[StageChange, timedelta]]:
        ends = [c.started_at for c in self.stages[1:]] + [now]
        return [(c, end - c.started_at) for c, end in zip(self.stages, ends, strict=True)]


def total_pulse(figures: Sequence[TeamFigures | SessionFigures]) -> Pulse:
    out = Pulse()
    for f in figures:
        out = out + f.pulse
    return out


class ReportReads(Protocol):
    """The port: teams' figures, each team since its own moment (None: ever), computed in a
    fixed number of queries whatever the number of teams (no query per team or session);
    `summaries`: each team's summary ever, in one query, for an overview of many teams (its
    response rate over the prompts sent since `prompts_since`, None: ever)."""

    async def teams(
        self, community_id: str, since: Mapping[int, datetime | None]
    ) -> Mapping[int, TeamFigures]: ...

    async def summaries(
        self, community_id: str, teams: Sequence[int], prompts_since: datetime | None = None
    ) -> Mapping[int, TeamSummary]: ...
