"""The databases the benchmarks run on, made and seeded by the benchmark itself.

SQLite: files in a temporary directory. PostgreSQL: databases of the benchmark's own on the
server TEST_DATABASE_URL names, dropped at the end. Both are migrated by the product's own
migrations. Seeding uses SQLAlchemy core bulk inserts (fast); what is measured afterwards
always goes through the product's code."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import make_url

from bot.domain import CycleStage
from bot.scheduling.model import RunState, ScheduleKind
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.schedule_tables import ScheduleRow, ScheduleRunRow
from storage.tables import CommunityRow, MemberRow, TeamRoleRow, TeamRow

ZONES = ("UTC", "America/Chicago", "America/New_York", "Europe/London")


@dataclass(frozen=True)
class Database:
    backend: str  # "sqlite" or "postgresql"
    url: str
    name: str = ""  # the PostgreSQL database to drop afterwards

    @property
    def label(self) -> str:
        return "SQLite" if self.backend == "sqlite" else "PostgreSQL"


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def postgres_answers(url: str) -> str | None:
    """None if the server answers, else why not."""
    try:
        connection = await asyncpg.connect(_asyncpg_dsn(url), timeout=5)
    except Exception as error:
        return repr(error)
    await connection.close()
    return None


async def postgres_version(url: str) -> str:
    connection = await asyncpg.connect(_asyncpg_dsn(url), timeout=5)
    try:
        return str(await connection.fetchval("SHOW server_version"))
    finally:
        await connection.close()


async def create(backend: str, purpose: str, *, workdir: Path, server_url: str = "") -> Database:
    """A new, migrated, empty database."""
    if backend == "sqlite":
        path = workdir / f"{purpose}.sqlite3"
        database = Database("sqlite", f"sqlite+aiosqlite:///{path}")
    else:
        name = f"plcbot_bench_{purpose}_{secrets.token_hex(3)}"
        connection = await asyncpg.connect(_asyncpg_dsn(server_url), timeout=5)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        database = Database("postgresql", url, name)
    await upgrade(database.url)
    return database


async def drop(database: Database, server_url: str) -> None:
    if database.backend != "postgresql":
        return
    connection = await asyncpg.connect(_asyncpg_dsn(server_url), timeout=5)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
    finally:
        await connection.close()


def community_id(team: str) -> str:
    return f"slack:{team}"


def user_ids(count: int) -> list[str]:
    return [f"U{n:06d}" for n in range(count)]


async def analyze(url: str) -> None:
    """Table statistics, as a database in service has them (autovacuum gathers them within a
    minute or so of a bulk load). Without them PostgreSQL plans `community_id = $1 AND id = $2`
    with whichever index leads with community_id: with one workspace, a scan of all its rows."""
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("ANALYZE"))
            await connection.commit()
    finally:
        await engine.dispose()


async def seed_team_with_members(
    url: str, team: str, channel: str, users: Sequence[str], *, new_workspace: bool = True
) -> None:
    """One workspace (or, new_workspace=False, one seeded before), one team in `channel`, and
    its teachers (members with the teacher role), as they are after a term of use."""
    now = datetime.now(UTC)
    cid = community_id(team)
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            if new_workspace:
                await connection.execute(
                    insert(CommunityRow),
                    [{"id": cid, "platform": "slack", "external_id": team, "created_at": now}],
                )
            team_id = (
                await connection.execute(
                    insert(TeamRow).returning(TeamRow.id),
                    [_team(cid, channel, "Grade 4 Math", "America/Chicago", now)],
                )
            ).scalar_one()
            await connection.execute(
                insert(MemberRow),
                [{"community_id": cid, "user_id": u, "joined_at": now} for u in users],
            )
            await connection.execute(
                insert(TeamRoleRow),
                [
                    {"community_id": cid, "team_id": team_id, "user_id": u, "role": "teacher"}
                    for u in users
                ],
            )
    finally:
        await engine.dispose()
    await analyze(url)


def _team(cid: str, channel: str, name: str, zone: str, now: datetime) -> dict[str, object]:
    return {
        "community_id": cid,
        "channel_id": channel,
        "name": name,
        "timezone": zone,
        "language": "en",
        "stage": CycleStage.LEARN.value,
        "cycle": 1,
        "stage_started_at": now,
        "created_at": now,
        "created_by": "U000000",
        "norms": None,
    }


def fire_minute() -> datetime:
    """The minute the fan-out's nudges are all due in: the current one."""
    return datetime.now(UTC).replace(second=0, microsecond=0)


HISTORY_DAYS = 10  # each nudge's past runs, as a district has them after two school weeks


async def seed_teams_with_nudges(
    url: str, team: str, count: int, due: datetime, *, every_minute: bool = False
) -> None:
    """`count` teams of one workspace, each in its own channel and time zone, each with a
    stage nudge due at `due` ("daily HH:MM" in the team's zone) that has run on each of the
    HISTORY_DAYS days before. The history matters: with an empty schedule_runs table, the
    statistics PostgreSQL plans by say the table is empty, so finishing a run by its id
    plans a sequential scan, which the 10,000 runs of the fan-out then make O(N²)."""
    now = datetime.now(UTC)
    cid = community_id(team)
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                insert(CommunityRow),
                [{"id": cid, "platform": "slack", "external_id": team, "created_at": now}],
            )
            await connection.execute(
                insert(TeamRow),
                [
                    _team(cid, f"C{n:07d}", f"Team {n}", ZONES[n % len(ZONES)], now)
                    for n in range(count)
                ],
            )
            teams = (await connection.execute(select(TeamRow.id, TeamRow.timezone))).all()
            rows = [_nudge(cid, team_id, zone, due, now, every_minute) for team_id, zone in teams]
            await connection.execute(insert(ScheduleRow), rows)
            schedules = (await connection.execute(select(ScheduleRow.id))).scalars().all()
            for day in range(1, HISTORY_DAYS + 1):
                fired = due - timedelta(days=day)
                await connection.execute(
                    insert(ScheduleRunRow),
                    [
                        {
                            "community_id": cid,
                            "schedule_id": schedule_id,
                            "fire_at": fired,
                            "state": RunState.SENT.value,
                            "claimed_at": fired,
                            "finished_at": fired + timedelta(seconds=1),
                            "posts": 1,
                        }
                        for schedule_id in schedules
                    ],
                )
    finally:
        await engine.dispose()
    await analyze(url)


def _nudge(
    cid: str, team_id: int, zone: str, due: datetime, now: datetime, every_minute: bool
) -> dict[str, object]:
    """A stage nudge's schedule row, due at `due` and run on each of the HISTORY_DAYS before."""
    local = due.astimezone(ZoneInfo(zone))
    return {
        "community_id": cid,
        "team_id": team_id,
        "kind": ScheduleKind.STAGE_NUDGE.value,
        "when": "* * * * *" if every_minute else f"daily {local:%H:%M}",
        "timezone": zone,
        "created_by": "U000000",
        "created_at": now - timedelta(days=1),
        "next_fire_at": due,
        "paused": False,
        "runs": HISTORY_DAYS,
        "after_hours": None,
    }


async def rearm_nudges(url: str, due: datetime) -> None:
    """Make every nudge due again at `due`, as if the fan-out had not happened (its runs are
    deleted; the history before it stays)."""
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            # From `due` on: an every-minute nudge's run is at the minute its tick came.
            await connection.execute(delete(ScheduleRunRow).where(ScheduleRunRow.fire_at >= due))
            await connection.execute(
                update(ScheduleRow).values(next_fire_at=due, runs=HISTORY_DAYS)
            )
        if engine.dialect.name == "postgresql":
            async with engine.connect() as connection:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                await connection.execute(text("VACUUM ANALYZE schedules, schedule_runs"))
    finally:
        await engine.dispose()
