"""Schedules: the scheduler's storage of what to post, where and when.

Their runs are in `storage.run_repositories`; calendar breaks and sent reminders in
`storage.calendar_repositories`.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Update, bindparam, delete, exists, select

from bot.domain import Team
from bot.scheduling.model import Schedule, ScheduleKind
from storage.direct import once
from storage.many_updates import ManyUpdates
from storage.on_platforms import on_platforms, platforms_key
from storage.repository import SqlRepository
from storage.schedule_tables import ScheduleRow
from storage.statements import updating
from storage.tables import TeamRow
from storage.team_repositories import team_from_row

_SCHEDULES, _TEAMS = ScheduleRow.__table__, TeamRow.__table__
# A due row's two halves, with the attributes of ScheduleRow and TeamRow: the due query reads
# plain columns (no ORM objects, identity map or refresh: a tick reads thousands of rows), the
# team's labelled t_... so that every column has a name of its own and the driver runs it
# (storage/direct.py: every worker runs it on every tick, most often to find nothing due).
_ScheduleColumns = namedtuple("_ScheduleColumns", [c.key for c in _SCHEDULES.c])  # type: ignore[misc]
_TeamColumns = namedtuple("_TeamColumns", [c.key for c in _TEAMS.c])  # type: ignore[misc]
_SPLIT = len(_SCHEDULES.c)


@functools.cache
def _due(limit: int, platforms: tuple[str, ...] | None) -> Select[Any]:
    """Built once per (page size, platforms)."""
    return once(
        select(*_SCHEDULES.c, *(c.label(f"t_{c.key}") for c in _TEAMS.c))
        .join(
            _TEAMS,
            (_TEAMS.c.community_id == _SCHEDULES.c.community_id)
            & (_TEAMS.c.id == _SCHEDULES.c.team_id),
        )
        .where(
            ScheduleRow.paused.is_(False),
            ScheduleRow.next_fire_at.is_not(None),
            ScheduleRow.next_fire_at <= bindparam("now"),
            on_platforms(ScheduleRow.community_id, platforms),
        )
        .order_by(ScheduleRow.next_fire_at, ScheduleRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=_SCHEDULES)
    )


def _save_schedule() -> Update:
    """A schedule's UPDATE that cannot fail, so it needs no SAVEPOINT: it changes nothing when
    the team it names is not in the community (its foreign key), and the caller hears
    LookupError, as when the schedule is not there."""
    teams = TeamRow.__table__
    return once(
        updating(ScheduleRow).where(
            exists().where(
                teams.c.community_id == bindparam("team_community_id"),
                teams.c.id == bindparam("team_team_id"),
            )
        )
    )


# The scheduler's statements, built once: a fan-out runs them for every schedule due.
_SAVE_SCHEDULE = _save_schedule()
_ADVANCE = ManyUpdates.of(ScheduleRow, "next_fire_at", "runs")  # all a tick changes


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
        """Record the next fire time and run count of schedules the scheduler has locked (its
        due query; nothing else of them changes meanwhile): one statement on PostgreSQL, one
        executemany on SQLite, instead of one UPDATE each."""
        await _ADVANCE.run(
            self._session, [(s.community_id, s.id, s.next_fire_at, s.runs) for s in schedules]
        )

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

    async def for_community(self, community_id: str) -> Sequence[Schedule]:
        query = (
            select(ScheduleRow)
            .where(ScheduleRow.community_id == community_id)
            .order_by(ScheduleRow.team_id, ScheduleRow.id)
        )
        return [_schedule(row) for row in await self._all(query)]

    async def due(
        self, now: datetime, limit: int, platforms: Sequence[str] | None = None
    ) -> Sequence[tuple[Schedule, Team]]:
        """Unpaused schedules whose time has come, oldest first, with their teams, across
        communities. PostgreSQL locks the schedules it returns and skips those another worker
        has locked (SQLite has one writer at a time anyway)."""
        rows = await self._all_of(_due(limit, platforms_key(platforms)), now=now)
        return [
            (
                _schedule(cast(ScheduleRow, _ScheduleColumns._make(row[:_SPLIT]))),
                team_from_row(cast(TeamRow, _TeamColumns._make(row[_SPLIT:]))),
            )
            for row in rows
        ]
