"""Schedules, their runs, calendar breaks and sent reminders: the scheduler's storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update

from bot.domain import Team
from bot.ports import Conflict
from bot.scheduling.model import CalendarBreak, RunState, Schedule, ScheduleKind, ScheduleRun
from storage.repository import SqlRepository
from storage.schedule_tables import CalendarBreakRow, ScheduleRow, ScheduleRunRow, SentReminderRow
from storage.tables import TeamRow
from storage.team_repositories import team_from_row


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
        statement = (
            update(ScheduleRow)
            .where(ScheduleRow.community_id == schedule.community_id, ScheduleRow.id == schedule.id)
            .values(_schedule_values(schedule))
        )
        await self._update(statement, f"no schedule {schedule.id} in {schedule.community_id}")

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
        query = (
            select(ScheduleRow, TeamRow)
            .join(
                TeamRow,
                (TeamRow.community_id == ScheduleRow.community_id)
                & (TeamRow.id == ScheduleRow.team_id),
            )
            .where(
                ScheduleRow.paused.is_(False),
                ScheduleRow.next_fire_at.is_not(None),
                ScheduleRow.next_fire_at <= now,
            )
            .order_by(ScheduleRow.next_fire_at, ScheduleRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=ScheduleRow)
            .execution_options(populate_existing=True)
        )
        rows = await self._session.execute(query)
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
        row = ScheduleRunRow(
            community_id=run.community_id,
            schedule_id=run.schedule_id,
            fire_at=run.fire_at,
            state=run.state.value,
            claimed_at=run.claimed_at,
            finished_at=run.finished_at,
            posts=run.posts,
        )
        try:
            return _run(await self._insert(row))
        except Conflict:
            return None

    async def finish(
        self, community_id: str, run_id: int, state: RunState, at: datetime, posts: int
    ) -> None:
        statement = (
            update(ScheduleRunRow)
            .where(ScheduleRunRow.community_id == community_id, ScheduleRunRow.id == run_id)
            .values(state=state.value, finished_at=at, posts=posts)
        )
        await self._update(statement, f"no schedule run {run_id} in {community_id}")

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
        query = (
            select(CalendarBreakRow)
            .where(CalendarBreakRow.community_id == community_id)
            .order_by(CalendarBreakRow.first_day, CalendarBreakRow.id)
        )
        return [_break(row) for row in await self._all(query)]


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
