"""The team's work products: what a cycle produced (need, goal, designs, commitments,
evidence) and the action items a team gives its people. Plain frozen dataclasses; rows live
in storage/work_tables.py. Nothing here is ever read from a reflection."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from bot.i18n import N_, _

TEXT_MAX = 1000  # a need, a goal's field, a design, a commitment, a note, an action item
PERCENT_MAX = 100


class EntryKind(enum.StrEnum):
    """What one entry of a cycle's record is (stored as these strings)."""

    NEED = "need"  # analyze: the student learning need; detail: the evidence it rests on
    GOAL = "goal"  # goals: detail holds what, measure, target, by (in that order)
    DESIGN = "design"  # learn: a learning design the team chose
    COMMITMENT = "commitment"  # implement: one teacher's classroom commitment
    EVIDENCE = "evidence"  # monitor: one teacher's share of students at target, and a note
    CREDENTIAL = (
        "credential"  # goals: the micro-credential linked to the goal (text: its id, "" off)
    )
    CLOSED = "closed"  # the cycle was closed; the summary is rendered from the entries


# A goal's fields, in the order they are stored and asked for.
GOAL_FIELDS = ("what", "measure", "target", "by")
GOAL_LABELS = {
    "what": N_("what students will be able to do"),
    "measure": N_("measure"),
    "target": N_("target"),
    "by": N_("by when"),
}


@dataclass(frozen=True)
class CycleEntry:
    id: int
    community_id: str
    team_id: int
    cycle: int
    kind: EntryKind
    text: str
    written_by: str  # who wrote it (kept as "forgotten" once they are)
    created_at: datetime
    user_id: str | None = None  # whose it is: a commitment's or evidence's teacher
    detail: tuple[str, ...] = ()
    percent: int | None = None  # evidence: 0–100


@dataclass(frozen=True)
class Goal:
    what: str = ""
    measure: str = ""
    target: str = ""
    by: str = ""

    @classmethod
    def of(cls, entry: CycleEntry) -> Goal:
        values = dict(zip(GOAL_FIELDS, entry.detail, strict=False))
        return cls(**values)

    def fields(self) -> tuple[str, ...]:
        return (self.what, self.measure, self.target, self.by)

    def missing(self) -> list[str]:
        """The labels of the fields not given yet, in the language being spoken."""
        return [
            _(GOAL_LABELS[name])
            for name, value in zip(GOAL_FIELDS, self.fields(), strict=True)
            if not value
        ]

    def merged(self, other: Goal) -> Goal:
        """This goal with every field `other` gives replaced (a form or a command may give some)."""
        return Goal(*(new or old for old, new in zip(self.fields(), other.fields(), strict=True)))


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"


class ReminderKind(enum.StrEnum):
    """The two reminders an action item's owner may get, each at most once."""

    DAY_BEFORE = "day_before"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ActionItem:
    id: int
    community_id: str
    team_id: int
    owner_id: str
    text: str
    due_on: date  # a day in the team's time zone
    created_by: str
    created_at: datetime
    status: ActionStatus = ActionStatus.OPEN
    done_at: datetime | None = None
    done_by: str | None = None
