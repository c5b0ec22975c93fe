"""What /readyz learns from the database (storage/health.py), on SQLite and PostgreSQL: ready
at the head migration; behind it, the migration it is at and what to run; unreachable, the
kind of failure without its address; and how many pooled connections are in use."""

from __future__ import annotations

from pathlib import Path

from storage.engine import make_engine
from storage.health import database_problem, pool_in_use
from storage.migrate import head_revision, upgrade


async def test_a_database_at_the_head_migration_is_ready_and_its_pool_counts_connections(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        assert await database_problem(engine) is None
        assert pool_in_use(engine) == 0
        async with engine.connect():
            assert pool_in_use(engine) == 1
        assert pool_in_use(engine) == 0
    finally:
        await engine.dispose()


async def test_a_database_behind_the_head_says_where_it_is_and_what_to_run(
    empty_database_url: str,
) -> None:
    await upgrade(empty_database_url, "0010_runs")
    engine = make_engine(empty_database_url)
    try:
        problem = await database_problem(engine)
    finally:
        await engine.dispose()
    assert problem == (
        f"the database is at migration 0010_runs, not {head_revision()}: run `plcbot db upgrade`"
    )


async def test_a_database_no_migration_has_touched_says_what_to_run(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    try:
        problem = await database_problem(engine)
    finally:
        await engine.dispose()
    assert problem == "the database has no tables yet: run `plcbot db upgrade`"


async def test_an_unreachable_database_is_not_ready_and_the_reason_names_no_address(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "a-folder-not-a-file"
    folder.mkdir()
    engine = make_engine(f"sqlite+aiosqlite:///{folder}")
    try:
        problem = await database_problem(engine)
    finally:
        await engine.dispose()
    assert problem is not None and problem.startswith("the database is not reachable (")
    assert "a-folder-not-a-file" not in problem
