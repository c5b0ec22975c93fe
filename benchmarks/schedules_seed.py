"""Seeding for the schedules-at-scale section: 100,000 teams, each with a stage nudge due in
the same minute, written with PostgreSQL's COPY (seconds, not minutes), and how many rows
the server has read from the scheduler's tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import asyncpg

from benchmarks.databases import ZONES, _asyncpg_dsn, analyze, community_id
from bot.domain import CycleStage
from bot.scheduling.model import RunState, ScheduleKind
from storage.run_repositories import _RUN_COLUMNS

HISTORY_DAYS = 1  # one past run each: the runs table has rows (and statistics) to plan by
_TEAM_COLUMNS = (
    "community_id",
    "channel_id",
    "name",
    "timezone",
    "language",
    "stage",
    "cycle",
    "stage_started_at",
    "created_at",
    "created_by",
)
_SCHEDULE_COLUMNS = (
    "community_id",
    "team_id",
    "kind",
    "when",
    "timezone",
    "created_by",
    "created_at",
    "next_fire_at",
    "paused",
    "runs",
)


async def seed_with_copy(url: str, team: str, count: int, due: datetime) -> None:
    """`count` teams in their own channels and zones, each with a "daily HH:MM" stage nudge
    due at `due`, and HISTORY_DAYS past runs each; then ANALYZE."""
    now, cid = datetime.now(UTC), community_id(team)
    connection = await asyncpg.connect(_asyncpg_dsn(url), timeout=10)
    try:
        async with connection.transaction():
            await connection.execute(
                "INSERT INTO communities (id, platform, external_id, created_at) "
                "VALUES ($1, 'slack', $2, $3)",
                cid,
                team,
                now,
            )
            team_rest = (CycleStage.LEARN.value, 1, now, now, "U000000")
            teams = [
                (cid, f"C{n:07d}", f"Team {n}", ZONES[n % len(ZONES)], "en", *team_rest)
                for n in range(count)
            ]
            await connection.copy_records_to_table("teams", records=teams, columns=_TEAM_COLUMNS)
            rows = await connection.fetch("SELECT id, timezone FROM teams ORDER BY id")
            kind = ScheduleKind.STAGE_NUDGE.value
            rest = ("U000000", now - timedelta(days=1), due, False, HISTORY_DAYS)
            schedules = [
                (cid, row["id"], kind, _daily(due, row["timezone"]), row["timezone"], *rest)
                for row in rows
            ]
            await connection.copy_records_to_table(
                "schedules", records=schedules, columns=_SCHEDULE_COLUMNS
            )
            ids = [r["id"] for r in await connection.fetch("SELECT id FROM schedules")]
            runs = [
                (
                    cid,
                    schedule_id,
                    fired,
                    RunState.SENT.value,
                    fired,
                    fired + timedelta(seconds=1),
                    1,
                )
                for day in range(1, HISTORY_DAYS + 1)
                for fired in (due - timedelta(days=day),)
                for schedule_id in ids
            ]
            await connection.copy_records_to_table(
                "schedule_runs", records=runs, columns=_RUN_COLUMNS
            )
    finally:
        await connection.close()
    await analyze(url)


def _daily(due: datetime, zone: str) -> str:
    return f"daily {due.astimezone(ZoneInfo(zone)):%H:%M}"


async def rows_read(url: str) -> dict[str, int]:
    """Rows the server has read from the scheduler's tables so far (pg_stat_user_tables:
    sequential scans' rows and index fetches), for rows scanned per schedule claimed."""
    connection = await asyncpg.connect(_asyncpg_dsn(url), timeout=10)
    try:
        rows = await connection.fetch(
            "SELECT coalesce(sum(seq_tup_read), 0) AS seq, coalesce(sum(idx_tup_fetch), 0) AS idx "
            "FROM pg_stat_user_tables WHERE relname IN ('schedules', 'schedule_runs', 'teams')"
        )
        return {"seq": int(rows[0]["seq"]), "idx": int(rows[0]["idx"])}
    finally:
        await connection.close()
