"""Schedules, their runs, calendar breaks and sent reminders: the scheduler's storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Select, TextClause, Update, bindparam, delete, exists, select, text

from bot.domain import Team
from bot.ports import Conflict
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleKind, ScheduleRun
from storage.repository import SqlRepository, inserting, prepared, updating
from storage.schedule_tables import CalendarBreakRow, ScheduleRow, ScheduleRunRow, SentReminderRow
from storage.tables import TeamRow
from storage.team_repositories import team_from_row


def _due(limit: int) -> Select[tuple[ScheduleRow, TeamRow]]:
    return prepared(
        select(ScheduleRow, TeamRow)
        .join(
            TeamRow,
            (TeamRow.community_id == ScheduleRow.community_id)
            & (TeamRow.id == ScheduleRow.team_id),
        )
        .where(
            ScheduleRow.paused.is_(False),
            ScheduleRow.next_fire_at.is_not(None),
            ScheduleRow.next_fire_at <= bindparam("now"),
        )
        .order_by(ScheduleRow.next_fire_at, ScheduleRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=ScheduleRow)
    )


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


def _save_schedule() -> Update:
    """A schedule's UPDATE that cannot fail, so it needs no SAVEPOINT: it changes nothing when
    the team it names is not in the community (its foreign key), and the caller hears
    LookupError, as when the schedule is not there."""
    teams = TeamRow.__table__
    return updating(ScheduleRow).where(
        exists().where(
            teams.c.community_id == bindparam("team_community_id"),
            teams.c.id == bindparam("team_team_id"),
        )
    )


# The scheduler's statements, built once: a fan-out runs them for every schedule due.
_DUE: dict[int, Select[tuple[ScheduleRow, TeamRow]]] = {}
_SAVE_SCHEDULE = _save_schedule()
_INSERT_RUN = inserting(ScheduleRunRow)
_CLAIM_PG = _claim_on_postgresql()
_FINISH_RUN = updating(ScheduleRunRow)
_SCHEDULE_THERE = select(ScheduleRow.id).where(
    ScheduleRow.community_id == bindparam("community_id"),
    ScheduleRow.id == bindparam("schedule_id"),
)
_BREAKS = prepared(
    select(CalendarBreakRow)
    .where(CalendarBreakRow.community_id == bindparam("community_id"))
    .order_by(CalendarBreakRow.first_day, CalendarBreakRow.id)
)


def _schedule(row: ScheduleRow) -> Schedule:
    return Schedule(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        kind=ScheduleKind(row.kind),
        when=row.when,
        timezone=row.timezone,
        created_by=row.created_by,
        created_at=row.created_at,
        next_fire_at=row.next_fire_at,
        paused=row.paused,
        runs=row.runs,
        after_hours=row.after_hours,
    )


def _schedule_values(schedule: Schedule) -> dict[str, object]:
    return {
        "community_id": schedule.community_id,
        "team_id": schedule.team_id,
        "kind": schedule.kind.value,
        "when": schedule.when,
        "timezone": schedule.timezone,
        "created_by": schedule.created_by,
        "created_at": schedule.created_at,
        "next_fire_at": schedule.next_fire_at,
        "paused": schedule.paused,
        "runs": schedule.runs,
        "after_hours": schedule.after_hours,
    }


def _save_params(schedule: Schedule) -> dict[str, object]:
    return {
        **_schedule_values(schedule),
        "where_community_id": schedule.community_id,
        "where_id": schedule.id,
        "team_community_id": schedule.community_id,
        "team_team_id": schedule.team_id,
    }


class SqlSchedules(SqlRepository):
    async def add(self, schedule: Schedule) -> Schedule:
        return _schedule(await self._insert(ScheduleRow(**_schedule_values(schedule))))

    async def get(self, community_id: str, schedule_id: int) -> Schedule | None:
        query = select(ScheduleRow).where(
            ScheduleRow.community_id == community_id, ScheduleRow.id == schedule_id
        )
        row = await self._one(query)
        return _schedule(row) if row else None

    async def save(self, schedule: Schedule) -> None:
        params = _save_params(schedule)
        missing = (
            f"no schedule {schedule.id} with team {schedule.team_id} in {schedule.community_id}"
        )
        await self._update(_SAVE_SCHEDULE, missing, params, rules=False)

    async def advance(self, schedules: Sequence[Schedule]) -> None:
        """Save schedules the scheduler has locked (its due query): one executemany, one round
        trip, instead of one UPDATE each."""
        if schedules:
            await self._session.execute(_SAVE_SCHEDULE, [_save_params(s) for s in schedules])

    async def remove(self, community_id: str, schedule_id: int) -> None:
        statement = delete(ScheduleRow).where(
            ScheduleRow.community_id == community_id, ScheduleRow.id == schedule_id
        )
        await self._delete(statement)

    async def for_team(self, community_id: str, team_id: int) -> Sequence[Schedule]:
        query = (
            select(ScheduleRow)
            .where(ScheduleRow.community_id == community_id, ScheduleRow.team_id == team_id)
            .order_by(ScheduleRow.id)
        )
        return [_schedule(row) for row in await self._all(query)]

    async def due(self, now: datetime, limit: int) -> Sequence[tuple[Schedule, Team]]:
        """Unpaused schedules whose time has come, oldest first, with their teams, across
        communities. PostgreSQL locks the schedules it returns and skips those another worker
        has locked (SQLite has one writer at a time anyway)."""
        query = _DUE.get(limit)
        if query is None:
            query = _DUE[limit] = _due(limit)
        rows = await self._session.execute(query, {"now": now})
        return [(_schedule(schedule), team_from_row(team)) for schedule, team in rows.tuples()]


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
        values = {
            "community_id": run.community_id,
            "schedule_id": run.schedule_id,
            "fire_at": run.fire_at,
            "state": run.state.value,
            "claimed_at": run.claimed_at,
            "finished_at": run.finished_at,
            "posts": run.posts,
        }
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
        """Record how runs went (state, finished_at, posts), in one executemany."""
        if finished:
            params = [
                {
                    "state": run.state.value,
                    "finished_at": run.finished_at,
                    "posts": run.posts,
                    "where_community_id": run.community_id,
                    "where_id": run.id,
                }
                for run in finished
            ]
            await self._session.execute(_FINISH_RUN, params)

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


def _break(row: CalendarBreakRow) -> CalendarBreak:
    return CalendarBreak(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        first_day=row.first_day,
        last_day=row.last_day,
        label=row.label,
        created_by=row.created_by,
    )


class SqlCalendarBreaks(SqlRepository):
    async def add(self, brk: CalendarBreak) -> CalendarBreak:
        row = CalendarBreakRow(
            community_id=brk.community_id,
            team_id=brk.team_id,
            first_day=brk.first_day,
            last_day=brk.last_day,
            label=brk.label,
            created_by=brk.created_by,
        )
        return _break(await self._insert(row))

    async def remove(self, community_id: str, break_id: int) -> None:
        statement = delete(CalendarBreakRow).where(
            CalendarBreakRow.community_id == community_id, CalendarBreakRow.id == break_id
        )
        await self._delete(statement)

    async def get(self, community_id: str, break_id: int) -> CalendarBreak | None:
        query = select(CalendarBreakRow).where(
            CalendarBreakRow.community_id == community_id, CalendarBreakRow.id == break_id
        )
        row = await self._one(query)
        return _break(row) if row else None

    async def list(self, community_id: str) -> Sequence[CalendarBreak]:
        """The community's breaks, community-wide and per team, by first day."""
        return [_break(row) for row in await self._all_of(_BREAKS, community_id=community_id)]


class SqlSentReminders(SqlRepository):
    async def claim(self, community_id: str, delivery_id: int, user_id: str, at: datetime) -> bool:
        """True the first time this person is reminded of this prompt; False after that."""
        values = {
            "community_id": community_id,
            "delivery_id": delivery_id,
            "user_id": user_id,
            "reminded_at": at,
        }
        try:
            await self._insert_values(SentReminderRow, values)
        except Conflict:
            return False
        return True
