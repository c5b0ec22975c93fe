"""The port of protocol runs (bot.protocols): runs, their steps and the notes taken in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain import Team
from bot.protocols import ProtocolNote, ProtocolRun, RunStep, StepNotes


class ProtocolRuns(Protocol):
    async def add(self, run: ProtocolRun) -> ProtocolRun:
        """Stores a new run (its id is ignored) and returns it with its id."""
        ...

    async def get(self, community_id: str, run_id: int) -> ProtocolRun | None: ...
    async def running(self, community_id: str, team_id: int) -> ProtocolRun | None:
        """The team's run still going, if any (a team runs one protocol at a time)."""
        ...

    async def save(self, run: ProtocolRun) -> None: ...
    async def add_step(self, step: RunStep) -> RunStep: ...
    async def step(self, community_id: str, step_id: int) -> RunStep | None: ...
    async def save_step(self, step: RunStep) -> None: ...
    async def steps_of(self, community_id: str, run_id: int) -> Sequence[RunStep]:
        """The steps the run has reached, in order."""
        ...

    async def due_nudges(
        self, now: datetime, since: datetime, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[RunStep, ProtocolRun, Team]]:
        """Steps of every community on `platforms` (None: any) still going whose time ran out
        between `since` and `now` and that have had no "time's up" yet, soonest first, with
        their run and team."""
        ...

    async def claim_nudge(self, step: RunStep, at: datetime) -> bool:
        """True the first time the step's "time's up" is claimed, in any process."""
        ...

    async def add_note(self, note: ProtocolNote) -> ProtocolNote: ...
    async def notes_of(self, community_id: str, run_id: int) -> Sequence[ProtocolNote]:
        """The run's notes, oldest first."""
        ...

    async def notes_by(self, community_id: str, user_id: str) -> Sequence[StepNotes]:
        """A person's own notes (for their export), with the step and run each was taken in."""
        ...

    async def notes_for_session(self, community_id: str, session_id: int) -> Sequence[StepNotes]:
        """For the session's minutes: every step reached in the runs started while the session
        was open, in order (runs by start, steps by position), each with its notes."""
        ...
