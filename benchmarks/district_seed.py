"""A district's school year, seeded deterministically (one random seed) straight into a
migrated database with SQLAlchemy core bulk inserts: data set-up, not what is measured.

One Slack workspace (the district), `teams` learning teams in one zone, `teachers` teachers
(teacher i in team i mod teams; teacher 0, the busiest, in three teams), a facilitator per
team, two admins. Each team meets weekly for `weeks` weeks (90 minutes): most teachers check
in, are marked present, answer the session's prompt (mixed visibility) and some give
feedback; the team moves a stage every seven weeks, keeps a cycle record and action items,
has three schedules; facilitators read their team's reflections twice a week for two years
(the audit log). The clock stands on the Saturday after the last week."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from benchmarks.databases import analyze
from bot.domain import CycleStage
from storage.audit_table import AuditEntryRow
from storage.engine import make_engine
from storage.record_tables import AttendanceRow
from storage.schedule_tables import CalendarBreakRow
from storage.tables import (
    CheckInRow,
    CommunityRow,
    MemberRow,
    PromptDeliveryRow,
    PulseAnswerRow,
    ReflectionRow,
    SessionRow,
    TeamRoleRow,
    TeamRow,
)

COMMUNITY = "slack:T0DISTRICT"
ADMIN = "UADMIN01"
ZONE = "America/Chicago"
FIRST_MONDAY = datetime(2026, 9, 21, 20, 30, tzinfo=UTC)  # 15:30 in Chicago
STAGES = list(CycleStage)
WORDS = (
    "The exit tickets showed most of the class can model the fraction on a number line but "
    "not explain why the denominator stays the same; tomorrow I start with two student "
    "explanations side by side and ask which one convinces them."
)


@dataclass(frozen=True)
class Shape:
    teams: int = 36
    teachers: int = 600
    weeks: int = 36
    audit_days: int = 730
    seed: int = 2026


FULL = Shape()
TINY = Shape(teams=2, teachers=20, weeks=4, audit_days=30)  # the test suite's slice


@dataclass
class District:
    """What the measurements need to know about the seeded year."""

    shape: Shape
    now: datetime
    channels: list[str] = field(default_factory=list)  # team i's channel
    facilitators: list[str] = field(default_factory=list)  # team i's facilitator
    busiest: str = "U00000"
    rows: dict[str, int] = field(default_factory=dict)  # rows seeded, by table


def channel(n: int) -> str:
    return f"C{n:07d}"


def teacher(n: int) -> str:
    return f"U{n:05d}"


def members_of(shape: Shape, team: int) -> list[str]:
    """The teachers of team `team` (the busiest teacher is in teams 0, 1 and 2)."""
    found = [teacher(n) for n in range(team, shape.teachers, shape.teams)]
    return found if team == 0 or team > 2 else [teacher(0), *found]


def session_start(shape: Shape, team: int, week: int) -> datetime:
    return FIRST_MONDAY + timedelta(weeks=week, days=team % 5)


def clock_of(shape: Shape) -> datetime:
    """The Saturday after the last week, at noon."""
    return FIRST_MONDAY + timedelta(weeks=shape.weeks - 1, days=5, hours=-8, minutes=-30)


async def _insert(
    connection: AsyncConnection, row: Any, values: Sequence[dict[str, Any]], *, ids: bool = True
) -> list[int]:
    """Bulk insert; with `ids`, the new ids in the order of `values`."""
    if not values:
        return []
    if not ids:
        await connection.execute(insert(row), list(values))
        return []
    statement = insert(row).returning(row.id, sort_by_parameter_order=True)
    return list((await connection.execute(statement, list(values))).scalars())


async def seed_district(url: str, shape: Shape = FULL) -> District:
    """The school year in a new, migrated database at `url` (see the module's docstring)."""
    rng = random.Random(shape.seed)
    district = District(shape, clock_of(shape))
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            plan = _Plan(shape, rng, district)
            await plan.people(connection)
            for team in range(shape.teams):
                await plan.team_year(connection, team)
            await plan.flush(connection)
    finally:
        await engine.dispose()
    await analyze(url)
    return district


class _Plan:
    """Rows gathered per table and inserted in batches; ids come back in order."""

    def __init__(self, shape: Shape, rng: random.Random, district: District) -> None:
        self.shape, self.rng, self.district = shape, rng, district
        self.pending: dict[Any, list[dict[str, Any]]] = {}
        self.team_ids: list[int] = []

    def add(self, row: Any, values: dict[str, Any]) -> None:
        self.pending.setdefault(row, []).append({"community_id": COMMUNITY, **values})

    async def flush(self, connection: AsyncConnection) -> None:
        for row, values in self.pending.items():
            await _insert(connection, row, values, ids=False)
            name = row.__tablename__
            self.district.rows[name] = self.district.rows.get(name, 0) + len(values)
        self.pending.clear()

    async def people(self, connection: AsyncConnection) -> None:
        s, start = self.shape, FIRST_MONDAY - timedelta(days=400)
        await connection.execute(
            insert(CommunityRow),
            [{"id": COMMUNITY, "platform": "slack", "external_id": "T0DISTRICT",
              "created_at": start, "had_admin": True, "name": "District"}],
        )  # fmt: skip
        people = [(ADMIN, True), ("UADMIN02", True)]
        people += [(f"F{t:04d}", False) for t in range(s.teams)]
        people += [(teacher(n), False) for n in range(s.teachers)]
        for user, admin in people:
            self.add(MemberRow, {"user_id": user, "is_admin": admin, "joined_at": start})
        for t in range(s.teams):
            self.district.channels.append(channel(t))
            self.district.facilitators.append(f"F{t:04d}")
            self.add(TeamRow, _team_row(t, start, stage_at(s.weeks - 1)))
        await self.flush(connection)
        self.team_ids = _ids_of(await connection.execute(_team_ids()))
        for t, team_id in enumerate(self.team_ids):
            self.add(TeamRoleRow, {"team_id": team_id, "user_id": f"F{t:04d}",
                                   "role": "facilitator"})  # fmt: skip
            for user in members_of(s, t):
                self.add(TeamRoleRow, {"team_id": team_id, "user_id": user, "role": "teacher"})
        for first, last, label in _BREAKS:
            self.add(CalendarBreakRow, {"team_id": None, "first_day": first, "last_day": last,
                                        "label": label, "created_by": ADMIN})  # fmt: skip
        self.audit_log()

    def audit_log(self) -> None:
        """Two years of facilitators reading their team's reflections, twice a week, and the
        district's monthly export of every team."""
        now, rng = self.district.now, self.rng
        for day in range(self.shape.audit_days, 0, -1):
            at = now - timedelta(days=day)
            for t, team_id in enumerate(self.team_ids):
                if (day + t) % 7 in (1, 4):
                    self.add(AuditEntryRow, {
                        "reader_id": f"F{t:04d}", "team_id": team_id, "what": "reflections",
                        "count": rng.randint(0, 40), "at": at, "subject_id": None,
                    })  # fmt: skip
                if day % 30 == 0:
                    self.add(AuditEntryRow, {
                        "reader_id": "cli", "team_id": team_id, "what": "export",
                        "count": rng.randint(100, 400), "at": at, "subject_id": None,
                    })  # fmt: skip

    async def team_year(self, connection: AsyncConnection, t: int) -> None:
        """One team's sessions (with their prompts, check-ins, attendance, reflections and
        feedback), stage changes, cycle record, action items and schedules."""
        s, team_id = self.shape, self.team_ids[t]
        opened = [session_start(s, t, w) for w in range(s.weeks)]
        sessions = await _insert(connection, SessionRow, [
            {"community_id": COMMUNITY, "team_id": team_id, "topic": f"Week {w + 1}",
             "stage": stage_at(w).value, "opened_by": f"F{t:04d}", "opened_at": at,
             "closed_at": at + timedelta(minutes=90)}
            for w, at in enumerate(opened)
        ])  # fmt: skip
        deliveries = await _insert(connection, PromptDeliveryRow, [
            {"community_id": COMMUNITY, "team_id": team_id, "session_id": sid,
             "prompt_id": f"{stage_at(w).value}-{1 + w % 7}", "stage": stage_at(w).value,
             "sent_at": opened[w] + timedelta(minutes=85), "kind": "reflection", "posted": True}
            for w, sid in enumerate(sessions)
        ])  # fmt: skip
        members = members_of(s, t)
        for w, (sid, did) in enumerate(zip(sessions, deliveries, strict=True)):
            for user in members:
                self.attended(team_id, t, sid, did, opened[w], user)
        from benchmarks.district_records import team_records

        team_records(self.add, self.shape, self.rng, self.district.now, team_id, t, members)
        if len(self.pending.get(CheckInRow, ())) > 5_000:
            await self.flush(connection)

    def attended(self, team_id: int, t: int, sid: int, did: int, at: datetime, user: str) -> None:
        rng, busiest = self.rng, user == self.district.busiest
        if not busiest and rng.random() > 0.95:
            return
        on = {"team_id": team_id, "user_id": user}
        self.add(CheckInRow, {**on, "session_id": sid, "score": rng.randint(2, 5),
                              "word": rng.choice((None, "tired", "curious", "ready")),
                              "at": at + timedelta(minutes=rng.randint(0, 10))})  # fmt: skip
        self.add(AttendanceRow, {**on, "session_id": sid, "marked_at": at,
                                 "marked_by": f"F{t:04d}", "confirmed_at": None,
                                 "confirmed_by": None})  # fmt: skip
        if busiest or rng.random() < 0.96:
            seen = rng.choices(("private", "facilitators", "team"), (5, 3, 2))[0]
            self.add(ReflectionRow, {**on, "delivery_id": did, "visibility": seen,
                                     "text": f"{WORDS} ({sid}/{user})", "edited_at": None,
                                     "created_at": at + timedelta(hours=rng.randint(2, 48))})  # fmt: skip
        if rng.random() < 0.6:
            self.add(PulseAnswerRow, {"session_id": sid, "user_id": user,
                                      "relevant": rng.randint(3, 5),
                                      "recommend": rng.random() < 0.9})  # fmt: skip


_BREAKS = (
    (date(2026, 11, 23), date(2026, 11, 27), "Thanksgiving"),
    (date(2026, 12, 21), date(2027, 1, 1), "Winter break"),
    (date(2027, 3, 15), date(2027, 3, 19), "Spring break"),
)


def stage_at(week: int) -> CycleStage:
    return STAGES[min(week // 7, len(STAGES) - 1)]


def _team_row(t: int, start: datetime, stage: CycleStage) -> dict[str, Any]:
    return {
        "channel_id": channel(t),
        "name": f"Team {t:02d}",
        "timezone": ZONE,
        "language": "en",
        "stage": stage.value,
        "cycle": 1,
        "stage_started_at": start,
        "created_at": start,
        "created_by": ADMIN,
        "norms": None,
        "archived_at": None,
    }


def _team_ids() -> Any:
    from sqlalchemy import select

    return select(TeamRow.id).where(TeamRow.community_id == COMMUNITY).order_by(TeamRow.channel_id)


def _ids_of(result: Any) -> list[int]:
    return [int(v) for v in result.scalars()]
