"""Protocols: the library's well-known meeting structures (steps with suggested minutes and a
prompt each), and a team's run of one, step by step, with the notes captured for each step.

Notes are the team's meeting notes: everyone in the channel sees them and they go into the
session's minutes. Nothing here is ever read from a reflection."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from bot.domain import CycleStage

NOTE_MAX = 1000  # one note, like an action item's text
EXTEND_MINUTES = 2  # the "Add 2 min" button
MOST_MINUTES = 60  # a step's suggested minutes, and the most a step may be extended to


@dataclass(frozen=True)
class ProtocolStep:
    name: str  # "Observe"
    minutes: int  # suggested
    prompt: str  # what the team does in it


@dataclass(frozen=True)
class ProtocolInfo:
    id: str  # "data-driven-dialogue": what `/plc protocol start` takes
    name: str
    purpose: str
    stages: tuple[CycleStage, ...]  # the stages it fits
    steps: tuple[ProtocolStep, ...]

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"  # the last step ended
    STOPPED = "stopped"  # `/plc protocol stop` before the end


class StepEnd(enum.StrEnum):
    NEXT = "next"  # the team moved on
    SKIPPED = "skipped"
    STOPPED = "stopped"  # the run was stopped during it


@dataclass(frozen=True)
class ProtocolRun:
    id: int
    community_id: str
    team_id: int
    protocol_id: str
    name: str  # the protocol's name when it started (the library may change later)
    started_by: str
    started_at: datetime
    session_id: int | None = None  # the session open when it started: its minutes get the notes
    status: RunStatus = RunStatus.RUNNING
    ended_at: datetime | None = None  # set exactly when the status is no longer running


@dataclass(frozen=True)
class RunStep:
    """One step of a run, as it happened: started when the team reached it; `ends_at` is the
    timer (the suggested minutes, plus any extensions)."""

    id: int
    community_id: str
    run_id: int
    position: int  # 1-based
    name: str
    prompt: str
    minutes: int  # suggested, plus extensions
    started_at: datetime
    ends_at: datetime
    ended_at: datetime | None = None
    ended: StepEnd | None = None
    nudged_at: datetime | None = None  # "time's up" posted (cleared when the step is extended)


@dataclass(frozen=True)
class ProtocolNote:
    id: int
    community_id: str
    run_id: int
    step_id: int
    author_id: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class StepNotes:
    """A read model for the session's minutes: one step of a run, and its notes in order."""

    run: ProtocolRun
    step: RunStep
    notes: tuple[ProtocolNote, ...]
