"""Schedule runs: one row per (schedule, fire time), claimed once by whichever worker is first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import ARRAY, TextClause, bindparam, select, text

from bot.ports import Conflict
from bot.scheduling.model import RunState, ScheduleRun
from storage.many_updates import ManyUpdates
from storage.repository import SqlRepository
from storage.schedule_tables import ScheduleRow, ScheduleRunRow
from storage.statements import inserting, updating

_RUN_COLUMNS = (
    "community_id",
    "schedule_id",
    "fire_at",
    "state",
    "claimed_at",
    "finished_at",
    "posts",
)


def _claim_on_postgresql() -> TextClause:
    """The claim as one statement that cannot fail, so it needs no SAVEPOINT (three round
    trips become one): a run already claimed inserts nothing (ON CONFLICT DO NOTHING), and
    neither does a schedule that is not in the community (WHERE EXISTS), which the caller
    tells apart afterwards, on that rare path only. Text, because SQLAlchemy does not cache
    its PostgreSQL INSERT construct: compiling it at every claim cost more than it saved."""
    runs = ScheduleRunRow.__table__
    return text(
        "INSERT INTO schedule_runs (community_id, schedule_id, fire_at, state, claimed_at, "
        "finished_at, posts) "
        "SELECT CAST(:community_id AS VARCHAR), CAST(:schedule_id AS INTEGER), "
        "CAST(:fire_at AS TIMESTAMP WITH TIME ZONE), CAST(:state AS VARCHAR), "
        "CAST(:claimed_at AS TIMESTAMP WITH TIME ZONE), "
        "CAST(:finished_at AS TIMESTAMP WITH TIME ZONE), CAST(:posts AS INTEGER) "
        "WHERE EXISTS (SELECT 1 FROM schedules "
        "WHERE schedules.community_id = CAST(:community_id AS VARCHAR) "
        "AND schedules.id = CAST(:schedule_id AS INTEGER)) "
        "ON CONFLICT DO NOTHING RETURNING schedule_runs.id"
    ).bindparams(*(bindparam(name, type_=runs.c[name].type) for name in _RUN_COLUMNS))


def _claim_many_on_postgresql() -> TextClause:
    """A batch's claims as one statement: one row per run from arrays (unnest), a run
    already claimed inserting nothing (ON CONFLICT DO NOTHING); RETURNING tells which won."""
    runs = ScheduleRunRow.__table__
    return text(
        "INSERT INTO schedule_runs (community_id, schedule_id, fire_at, state, claimed_at, "
        "finished_at, posts) "
        "SELECT * FROM unnest(CAST(:community_id AS VARCHAR[]), "
        "CAST(:schedule_id AS INTEGER[]), CAST(:fire_at AS TIMESTAMP WITH TIME ZONE[]), "
        "CAST(:state AS VARCHAR[]), CAST(:claimed_at AS TIMESTAMP WITH TIME ZONE[]), "
        "CAST(:finished_at AS TIMESTAMP WITH TIME ZONE[]), CAST(:posts AS INTEGER[])) "
        "ON CONFLICT DO NOTHING "
        "RETURNING schedule_runs.id, schedule_runs.schedule_id, schedule_runs.fire_at"
    ).bindparams(*(bindparam(name, type_=ARRAY(runs.c[name].type)) for name in _RUN_COLUMNS))


# Built once: a fan-out runs them for every schedule due.
_INSERT_RUN = inserting(ScheduleRunRow)
_CLAIM_PG = _claim_on_postgresql()
_CLAIM_MANY_PG = _claim_many_on_postgresql()
_FINISH_RUN = updating(ScheduleRunRow)
_FINISH_MANY = ManyUpdates.of(ScheduleRunRow, "state", "finished_at", "posts")
_SCHEDULE_THERE = select(ScheduleRow.id).where(
    ScheduleRow.community_id == bindparam("community_id"),
    ScheduleRow.id == bindparam("schedule_id"),
)


def _run_values(run: ScheduleRun) -> dict[str, object]:
    return {
        "community_id": run.community_id,
        "schedule_id": run.schedule_id,
        "fire_at": run.fire_at,
        "state": run.state.value,
        "claimed_at": run.claimed_at,
        "finished_at": run.finished_at,
        "posts": run.posts,
    }


def _run(row: ScheduleRunRow) -> ScheduleRun:
    return ScheduleRun(
        id=row.id,
        community_id=row.community_id,
        schedule_id=row.schedule_id,
        fire_at=row.fire_at,
        state=RunState(row.state),
        claimed_at=row.claimed_at,
        finished_at=row.finished_at,
        posts=row.posts,
    )


class SqlScheduleRuns(SqlRepository):
    async def claim(self, run: ScheduleRun) -> ScheduleRun | None:
        """Insert the run; None if that (schedule, fire time) was claimed already, by anyone.
        A concurrent claim waits for the first to commit (then loses) or roll back (then wins)."""
        values = _run_values(run)
        if not self._sqlite:
            claimed = (await self._session.execute(_CLAIM_PG, values)).scalar_one_or_none()
            if claimed is not None:
                return replace(run, id=int(claimed))
            there = {"community_id": run.community_id, "schedule_id": run.schedule_id}
            if (await self._session.execute(_SCHEDULE_THERE, there)).first() is None:
                raise LookupError(f"not in this community: schedule {run.schedule_id}")
            return None
        try:
            return replace(run, id=await self._insert_row(_INSERT_RUN, values))
        except Conflict:
            return None

    async def claim_many(self, runs: Sequence[ScheduleRun]) -> list[ScheduleRun | None]:
        """claim() for each run, in one statement on PostgreSQL (the scheduler's batch, whose
        schedules it has locked): each run with its id, or None where it was claimed already.
        The rows go in one order (schedule, fire time), so two batches never wait on each
        other in opposite orders."""
        if self._sqlite or not runs:
            return [await self.claim(run) for run in runs]
        ordered = sorted(runs, key=lambda r: (r.schedule_id, r.fire_at))
        params = {name: [_run_values(run)[name] for run in ordered] for name in _RUN_COLUMNS}
        rows = (await self._session.execute(_CLAIM_MANY_PG, params)).tuples()
        ids = {(schedule_id, fire_at): run_id for run_id, schedule_id, fire_at in rows}
        won = [ids.get((run.schedule_id, run.fire_at)) for run in runs]
        return [
            None if run_id is None else replace(run, id=run_id)
            for run, run_id in zip(runs, won, strict=True)
        ]

    async def finish(
        self, community_id: str, run_id: int, state: RunState, at: datetime, posts: int
    ) -> None:
        params = {
            "state": state.value,
            "finished_at": at,
            "posts": posts,
            "where_community_id": community_id,
            "where_id": run_id,
        }
        missing = f"no schedule run {run_id} in {community_id}"
        await self._update(_FINISH_RUN, missing, params, rules=False)  # state, time, count

    async def finish_many(self, finished: Sequence[ScheduleRun]) -> None:
        """Record how runs went (state, finished_at, posts): one statement on PostgreSQL, one
        executemany on SQLite."""
        await _FINISH_MANY.run(
            self._session,
            [(r.community_id, r.id, r.state.value, r.finished_at, r.posts) for r in finished],
        )

    async def get(self, community_id: str, run_id: int) -> ScheduleRun | None:
        query = select(ScheduleRunRow).where(
            ScheduleRunRow.community_id == community_id, ScheduleRunRow.id == run_id
        )
        row = await self._one(query)
        return _run(row) if row else None

    async def recent(
        self, community_id: str, schedule_id: int, limit: int
    ) -> Sequence[ScheduleRun]:
        query = (
            select(ScheduleRunRow)
            .where(
                ScheduleRunRow.community_id == community_id,
                ScheduleRunRow.schedule_id == schedule_id,
            )
            .order_by(ScheduleRunRow.fire_at.desc(), ScheduleRunRow.id.desc())
            .limit(limit)
        )
        return [_run(row) for row in await self._all(query)]

    async def stuck(
        self, community_id: str, team_id: int, before: datetime
    ) -> Sequence[ScheduleRun]:
        """Runs of the team's schedules still 'claimed' since before `before`."""
        query = (
            select(ScheduleRunRow)
            .join(
                ScheduleRow,
                (ScheduleRow.community_id == ScheduleRunRow.community_id)
                & (ScheduleRow.id == ScheduleRunRow.schedule_id),
            )
            .where(
                ScheduleRunRow.community_id == community_id,
                ScheduleRow.team_id == team_id,
                ScheduleRunRow.state == RunState.CLAIMED.value,
                ScheduleRunRow.claimed_at < before,
            )
            .order_by(ScheduleRunRow.claimed_at, ScheduleRunRow.id)
        )
        return [_run(row) for row in await self._all(query)]
