"""Schedules, their runs (the exactly-once claims) and school calendar breaks."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.i18n import _, fill
from bot.messages import Plain

DEFAULT_REMINDER_HOURS = 24  # a nonresponder reminder without `after`: a day after the prompt


class ScheduleKind(enum.StrEnum):
    STAGE_NUDGE = "stage_nudge"
    REFLECTION_PROMPT = "reflection_prompt"
    NORMS_REMINDER = "norms_reminder"
    CHECKIN = "checkin"
    NONRESPONDER_REMINDER = "nonresponder_reminder"


# What a schedule may be, in one place: the grammar's list, its help text, Discord's choices
# and the declared configuration all come from ScheduleKind and these limits.
KINDS = tuple(kind.value for kind in ScheduleKind)
AFTER_MAX = 336  # hours a nonresponder_reminder may wait: two weeks
BREAK_MAX_DAYS = 366
LABEL_MAX = 80  # a break's label
DEFAULT_BREAK_LABEL = "Break"


class UnknownKind(ValueError):
    """Not a kind of schedule; the message lists the kinds (`parts`: for a person, in the
    language spoken; the word they typed stays Plain)."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.problem = "is not a kind of schedule. Kinds: " + ", ".join(KINDS) + "."
        super().__init__(f"“{word}” {self.problem}")

    @property
    def parts(self) -> tuple[str | Plain, ...]:
        said = _("“{word}” is not a kind of schedule. Kinds: {kinds}.")
        parts = fill(said, word=self.word, kinds=", ".join(KINDS))
        return tuple(p for p in parts if isinstance(p, str | Plain))  # no styled value here


def schedule_kind(word: str) -> ScheduleKind:
    """The kind `word` names (any case, spaces trimmed), or UnknownKind."""
    try:
        return ScheduleKind(word.strip().lower())
    except ValueError:
        raise UnknownKind(word.strip()) from None


class RunState(enum.StrEnum):
    # A worker took it. If it stays here, the worker stopped before recording the post's
    # outcome: whether it reached the platform is unknown (it is never re-posted on its own).
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"  # the platform refused
    SKIPPED = "skipped"  # a calendar break, a paused team, or nothing to say
    RESENT = "resent"  # was left claimed; an admin had it posted again
    DISMISSED = "dismissed"  # was left claimed; an admin dropped it


@dataclass(frozen=True)
class Schedule:
    id: int
    community_id: str
    team_id: int
    kind: ScheduleKind
    when: str
    timezone: str
    created_by: str
    created_at: datetime
    next_fire_at: datetime | None
    paused: bool = False
    runs: int = 0  # how many times it has posted: rotates the stage nudges
    after_hours: int | None = None  # nonresponder_reminder: remind once a prompt is this old


@dataclass(frozen=True)
class ScheduleRun:
    id: int
    community_id: str
    schedule_id: int
    fire_at: datetime
    state: RunState
    claimed_at: datetime
    finished_at: datetime | None = None
    posts: int = 0


@dataclass(frozen=True)
class CalendarBreak:
    """Days (inclusive, in the team's time zone) when nothing is posted."""

    id: int
    community_id: str
    team_id: int | None  # None: the whole community
    first_day: date
    last_day: date
    label: str
    created_by: str

    def covers(self, day: date, team_id: int) -> bool:
        return (
            self.team_id is None or self.team_id == team_id
        ) and self.first_day <= day <= self.last_day


def on(community_id: str, platforms: Sequence[str] | None) -> bool:
    """Whether the community (`platform:id`) is on one of `platforms` (None: any): what a
    scheduler may claim, when its process can post to those platforms alone."""
    return platforms is None or community_id.partition(":")[0] in platforms
