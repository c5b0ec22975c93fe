"""Protocol runs, their steps and notes (bot.protocol_ports)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import bindparam, select, update

from bot.domain import Team
from bot.protocols import (
    ProtocolNote,
    ProtocolRun,
    RunStatus,
    RunStep,
    StepEnd,
    StepNotes,
)
from storage import nudge_reads
from storage.on_platforms import platforms_key
from storage.protocol_tables import ProtocolNoteRow, ProtocolRunRow, ProtocolStepRow
from storage.repository import SqlRepository
from storage.statements import inserting, prepared, updating
from storage.team_repositories import team_from_row

# What a running protocol reads and writes at each step, built once.
_INSERT_RUN, _SAVE_RUN = inserting(ProtocolRunRow), updating(ProtocolRunRow)
_INSERT_STEP, _SAVE_STEP = inserting(ProtocolStepRow), updating(ProtocolStepRow)
_INSERT_NOTE = inserting(ProtocolNoteRow)
_RUN = prepared(
    select(ProtocolRunRow).where(
        ProtocolRunRow.community_id == bindparam("community_id"),
        ProtocolRunRow.id == bindparam("run_id"),
    )
)
_RUNNING = prepared(
    select(ProtocolRunRow).where(
        ProtocolRunRow.community_id == bindparam("community_id"),
        ProtocolRunRow.team_id == bindparam("team_id"),
        ProtocolRunRow.ended_at.is_(None),
    )
)
_RUNS_OF_SESSION = prepared(
    select(ProtocolRunRow)
    .where(
        ProtocolRunRow.community_id == bindparam("community_id"),
        ProtocolRunRow.session_id == bindparam("session_id"),
    )
    .order_by(ProtocolRunRow.started_at, ProtocolRunRow.id)
)
_STEP = prepared(
    select(ProtocolStepRow).where(
        ProtocolStepRow.community_id == bindparam("community_id"),
        ProtocolStepRow.id == bindparam("step_id"),
    )
)
_STEPS = prepared(
    select(ProtocolStepRow)
    .where(
        ProtocolStepRow.community_id == bindparam("community_id"),
        ProtocolStepRow.run_id == bindparam("run_id"),
    )
    .order_by(ProtocolStepRow.position)
)
_NOTES = prepared(
    select(ProtocolNoteRow)
    .where(
        ProtocolNoteRow.community_id == bindparam("community_id"),
        ProtocolNoteRow.run_id == bindparam("run_id"),
    )
    .order_by(ProtocolNoteRow.created_at, ProtocolNoteRow.id)
)


def _run(row: ProtocolRunRow) -> ProtocolRun:
    return ProtocolRun(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        protocol_id=row.protocol_id,
        name=row.name,
        started_by=row.started_by,
        started_at=row.started_at,
        session_id=row.session_id,
        status=RunStatus(row.status),
        ended_at=row.ended_at,
    )


def _step(row: ProtocolStepRow) -> RunStep:
    return RunStep(
        id=row.id,
        community_id=row.community_id,
        run_id=row.run_id,
        position=row.position,
        name=row.name,
        prompt=row.prompt,
        minutes=row.minutes,
        started_at=row.started_at,
        ends_at=row.ends_at,
        ended_at=row.ended_at,
        ended=StepEnd(row.ended) if row.ended else None,
        nudged_at=row.nudged_at,
    )


def _note(row: ProtocolNoteRow) -> ProtocolNote:
    return ProtocolNote(
        id=row.id,
        community_id=row.community_id,
        run_id=row.run_id,
        step_id=row.step_id,
        author_id=row.user_id,
        text=row.text,
        created_at=row.created_at,
    )


class SqlProtocolRuns(SqlRepository):
    async def add(self, run: ProtocolRun) -> ProtocolRun:
        values = {
            "community_id": run.community_id,
            "team_id": run.team_id,
            "session_id": run.session_id,
            "protocol_id": run.protocol_id,
            "name": run.name,
            "status": run.status.value,
            "started_by": run.started_by,
            "started_at": run.started_at,
            "ended_at": run.ended_at,
        }
        return replace(run, id=await self._insert_row(_INSERT_RUN, values))

    async def get(self, community_id: str, run_id: int) -> ProtocolRun | None:
        row = await self._one_of(_RUN, community_id=community_id, run_id=run_id)
        return _run(row) if row else None

    async def running(self, community_id: str, team_id: int) -> ProtocolRun | None:
        row = await self._one_of(_RUNNING, community_id=community_id, team_id=team_id)
        return _run(row) if row else None

    async def save(self, run: ProtocolRun) -> None:
        """Its status and end: all that changes of a run."""
        params = {
            "status": run.status.value,
            "ended_at": run.ended_at,
            "where_community_id": run.community_id,
            "where_id": run.id,
        }
        await self._update(_SAVE_RUN, f"no protocol run {run.id}", params)

    async def add_step(self, step: RunStep) -> RunStep:
        values = {
            "community_id": step.community_id,
            "run_id": step.run_id,
            "position": step.position,
            "name": step.name,
            "prompt": step.prompt,
            "minutes": step.minutes,
            "started_at": step.started_at,
            "ends_at": step.ends_at,
            "ended_at": step.ended_at,
            "ended": step.ended.value if step.ended else None,
        }
        new_id = await self._insert_row(_INSERT_STEP, values)
        return replace(step, id=new_id, nudged_at=None)  # a new step was not nudged

    async def step(self, community_id: str, step_id: int) -> RunStep | None:
        row = await self._one_of(_STEP, community_id=community_id, step_id=step_id)
        return _step(row) if row else None

    async def save_step(self, step: RunStep) -> None:
        """What a step's timer and its end change; its place and text stay."""
        params = {
            "minutes": step.minutes,
            "ends_at": step.ends_at,
            "ended_at": step.ended_at,
            "ended": step.ended.value if step.ended else None,
            "nudged_at": step.nudged_at,
            "where_community_id": step.community_id,
            "where_id": step.id,
        }
        await self._update(_SAVE_STEP, f"no protocol step {step.id}", params)

    async def steps_of(self, community_id: str, run_id: int) -> Sequence[RunStep]:
        rows = await self._all_of(_STEPS, community_id=community_id, run_id=run_id)
        return [_step(r) for r in rows]

    async def due_nudges(
        self, now: datetime, since: datetime, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[RunStep, ProtocolRun, Team]]:
        query = nudge_reads.due_nudges(limit, platforms_key(platforms))
        rows = await self._all_of(query, now=now, since=since)
        return [
            (_step(step), _run(run), team_from_row(team))
            for step, run, team in map(nudge_reads.parts, rows)
        ]

    async def claim_nudge(self, step: RunStep, at: datetime) -> bool:
        claim = (
            update(ProtocolStepRow)
            .where(
                ProtocolStepRow.community_id == step.community_id,
                ProtocolStepRow.id == step.id,
                ProtocolStepRow.nudged_at.is_(None),
                ProtocolStepRow.ended_at.is_(None),
            )
            .values(nudged_at=at)
            .execution_options(synchronize_session=False)
        )
        async with self._guarded(one_statement=True):
            result = await self._session.execute(claim)
        return bool(getattr(result, "rowcount", 0))

    async def add_note(self, note: ProtocolNote) -> ProtocolNote:
        values = {
            "community_id": note.community_id,
            "run_id": note.run_id,
            "step_id": note.step_id,
            "user_id": note.author_id,
            "text": note.text,
            "created_at": note.created_at,
        }
        return replace(note, id=await self._insert_row(_INSERT_NOTE, values))

    async def notes_of(self, community_id: str, run_id: int) -> Sequence[ProtocolNote]:
        rows = await self._all_of(_NOTES, community_id=community_id, run_id=run_id)
        return [_note(r) for r in rows]

    async def notes_by(self, community_id: str, user_id: str) -> Sequence[StepNotes]:
        query = (
            select(ProtocolNoteRow, ProtocolStepRow, ProtocolRunRow)
            .join(
                ProtocolStepRow,
                (ProtocolStepRow.community_id == ProtocolNoteRow.community_id)
                & (ProtocolStepRow.id == ProtocolNoteRow.step_id),
            )
            .join(
                ProtocolRunRow,
                (ProtocolRunRow.community_id == ProtocolStepRow.community_id)
                & (ProtocolRunRow.id == ProtocolStepRow.run_id),
            )
            .where(ProtocolNoteRow.community_id == community_id, ProtocolNoteRow.user_id == user_id)
            .order_by(ProtocolNoteRow.created_at, ProtocolNoteRow.id)
        )
        result = await self._session.execute(query)
        return [StepNotes(_run(run), _step(step), (_note(note),)) for note, step, run in result]

    async def notes_for_session(self, community_id: str, session_id: int) -> Sequence[StepNotes]:
        runs = await self._all_of(
            _RUNS_OF_SESSION, community_id=community_id, session_id=session_id
        )
        found: list[StepNotes] = []
        for row in runs:
            run = _run(row)
            notes = await self.notes_of(community_id, run.id)
            for step in await self.steps_of(community_id, run.id):
                mine = tuple(n for n in notes if n.step_id == step.id)
                found.append(StepNotes(run, step, mine))
        return found
