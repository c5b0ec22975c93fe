"""The fake unit of work's protocol runs, steps and notes (bot.protocol_ports), held in its
State with the rules the tables enforce: one running run per team, one row per step position,
rows only under a parent of their own community."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain import Team
from bot.protocols import ProtocolNote, ProtocolRun, RunStatus, RunStep, StepNotes
from bot.scheduling.model import on
from tests.fakes.state import Repo, State, by, drop, held, stored, unique, utc


class FakeProtocolRuns(Repo):
    async def add(self, run: ProtocolRun) -> ProtocolRun:
        await self.uow.writing()
        self.team_in(run.community_id, run.team_id)
        if run.session_id is not None:
            self.session_in(run.community_id, run.session_id)
        saved = stored(replace(run, id=self.uow.next_id()))
        self._check_running(saved)
        self.s.protocol_runs[saved.id] = saved
        return saved

    def _check_running(self, run: ProtocolRun) -> None:
        if run.ended_at is None:  # the partial unique index: WHERE ended_at IS NULL
            running = [r for r in self.s.protocol_runs.values() if r.ended_at is None]
            unique(running, run, "team_id", what="a protocol is running in this team")

    async def get(self, community_id: str, run_id: int) -> ProtocolRun | None:
        run = self.s.protocol_runs.get(run_id)
        return run if run is not None and run.community_id == community_id else None

    async def running(self, community_id: str, team_id: int) -> ProtocolRun | None:
        for run in self.s.protocol_runs.values():
            if (run.community_id, run.team_id) == (community_id, team_id):
                if run.status is RunStatus.RUNNING:
                    return run
        return None

    async def save(self, run: ProtocolRun) -> None:
        await self.uow.writing()
        held(self.s.protocol_runs, run, "protocol run")
        run = stored(run)
        self._check_running(run)
        self.s.protocol_runs[run.id] = run

    async def add_step(self, step: RunStep) -> RunStep:
        await self.uow.writing()
        if await self.get(step.community_id, step.run_id) is None:
            raise LookupError(f"not in this community: protocol run {step.run_id}")
        saved = stored(replace(step, id=self.uow.next_id()))
        unique(self.s.protocol_steps.values(), saved, "run_id", "position", what="step")
        self.s.protocol_steps[saved.id] = saved
        return saved

    async def step(self, community_id: str, step_id: int) -> RunStep | None:
        step = self.s.protocol_steps.get(step_id)
        return step if step is not None and step.community_id == community_id else None

    async def save_step(self, step: RunStep) -> None:
        await self.uow.writing()
        held(self.s.protocol_steps, step, "protocol step")
        self.s.protocol_steps[step.id] = stored(step)

    async def steps_of(self, community_id: str, run_id: int) -> Sequence[RunStep]:
        steps = [
            s
            for s in self.s.protocol_steps.values()
            if (s.community_id, s.run_id) == (community_id, run_id)
        ]
        return sorted(steps, key=by("position"))

    async def due_nudges(
        self, now: datetime, since: datetime, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[RunStep, ProtocolRun, Team]]:
        now, since = utc(now), utc(since)
        due = sorted(
            (
                s
                for s in self.s.protocol_steps.values()
                if s.ended_at is None
                and on(s.community_id, platforms)
                and s.nudged_at is None
                and since < s.ends_at <= now
                and self.s.protocol_runs[s.run_id].ended_at is None
            ),
            key=by("ends_at", "id"),
        )
        found = []
        for s in due[:limit]:
            run = self.s.protocol_runs[s.run_id]
            found.append((s, run, self.s.teams[run.team_id]))
        return found

    async def claim_nudge(self, step: RunStep, at: datetime) -> bool:
        await self.uow.writing()
        held_step = self.s.protocol_steps.get(step.id)
        if held_step is None or held_step.nudged_at is not None or held_step.ended_at is not None:
            return False
        self.s.protocol_steps[step.id] = replace(held_step, nudged_at=utc(at))
        return True

    async def add_note(self, note: ProtocolNote) -> ProtocolNote:
        await self.uow.writing()
        if await self.step(note.community_id, note.step_id) is None:
            raise LookupError(f"not in this community: protocol step {note.step_id}")
        saved = stored(replace(note, id=self.uow.next_id()))
        self.s.protocol_notes[saved.id] = saved
        return saved

    async def notes_of(self, community_id: str, run_id: int) -> Sequence[ProtocolNote]:
        notes = [
            n
            for n in self.s.protocol_notes.values()
            if (n.community_id, n.run_id) == (community_id, run_id)
        ]
        return sorted(notes, key=by("created_at", "id"))

    async def notes_by(self, community_id: str, user_id: str) -> Sequence[StepNotes]:
        mine = sorted(
            (
                n
                for n in self.s.protocol_notes.values()
                if n.community_id == community_id and n.author_id == user_id
            ),
            key=by("created_at", "id"),
        )
        return [
            StepNotes(self.s.protocol_runs[n.run_id], self.s.protocol_steps[n.step_id], (n,))
            for n in mine
        ]

    async def notes_for_session(self, community_id: str, session_id: int) -> Sequence[StepNotes]:
        runs = sorted(
            (
                r
                for r in self.s.protocol_runs.values()
                if r.community_id == community_id and r.session_id == session_id
            ),
            key=by("started_at", "id"),
        )
        found: list[StepNotes] = []
        for run in runs:
            notes = await self.notes_of(community_id, run.id)
            for step in await self.steps_of(community_id, run.id):
                found.append(StepNotes(run, step, tuple(n for n in notes if n.step_id == step.id)))
        return found


def forget_protocol_notes(
    s: State, community_id: str, user_id: str, counts: dict[str, int]
) -> None:
    """Their notes go (their words); a run they started stays the team's, as "forgotten"."""
    counts["protocol_notes"] = drop(
        s.protocol_notes, lambda n: n.community_id == community_id and n.author_id == user_id
    )
    for key, run in list(s.protocol_runs.items()):
        if run.community_id == community_id and run.started_by == user_id:
            s.protocol_runs[key] = replace(run, started_by="forgotten")


def purge_protocols(s: State, community_id: str, counts: dict[str, int]) -> None:
    ours = lambda x: x.community_id == community_id  # noqa: E731
    counts["protocol_notes"] = drop(s.protocol_notes, ours)
    counts["protocol_steps"] = drop(s.protocol_steps, ours)
    counts["protocol_runs"] = drop(s.protocol_runs, ours)
