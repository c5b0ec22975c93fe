"""The overview's figures are read from indexes alone: each team's check-ins and score sum,
and each prompt's answers within its team, without visiting the rows (a year of a district is
20,000 of each; a reflection's row carries its words). Benchmarks section 5 found the overview
reading every check-in and reflection row of the district."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from benchmarks.district_seed import Shape, seed_district
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.report_summaries import _SUMMARIES

COVERING = (
    "ix_checkins_community_id_team_id_score",
    "ix_reflections_community_id_delivery_id_team_id",
)


async def test_the_overviews_figures_are_read_from_covering_indexes(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        statement = _SUMMARIES.params(community_id="slack:T1", teams=[1, 2, 3])
        query = str(statement.compile(engine, compile_kwargs={"literal_binds": True}))
        async with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                rows = await connection.execute(text(f"EXPLAIN QUERY PLAN {query}"))
                plan = " ".join(str(value) for row in rows for value in row)
                for index in COVERING:
                    assert f"COVERING INDEX {index}" in plan, plan
                return
            # On empty tables PostgreSQL's planner has no statistics to prefer an index-only
            # scan by (benchmarks/district.py measures it on a year): the indexes must exist.
            rows = await connection.execute(text("SELECT indexname FROM pg_indexes"))
            names = {str(row[0]) for row in rows}
    finally:
        await engine.dispose()
    assert set(COVERING) <= names


async def test_a_database_analyzed_before_the_indexes_still_counts_a_sessions_check_ins_by_session(
    empty_database_url: str,
) -> None:
    """SQLite takes an index it has no statistics for as the best of all: without fresh
    statistics after 0022_panel, a session's check-ins were counted by reading every check-in
    of the community (the overview took seconds on a district analyzed once before)."""
    if not empty_database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL plans from its tables' statistics, which an index leaves valid")
    await upgrade(empty_database_url, "0019_index")
    # Ten weeks of two teams, then ANALYZE (as a district in service has run it once).
    await seed_district(empty_database_url, Shape(teams=2, teachers=20, weeks=10, audit_days=5))
    await upgrade(empty_database_url)
    query = (
        "SELECT count(*) FROM checkins WHERE community_id = 'slack:T0DISTRICT' AND session_id = 5"
    )
    engine = make_engine(empty_database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text(f"EXPLAIN QUERY PLAN {query}"))
            plan = " ".join(str(value) for row in rows for value in row)
    finally:
        await engine.dispose()
    assert "uq_checkins_session_id_user_id (session_id=?)" in plan, plan
