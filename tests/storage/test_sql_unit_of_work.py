"""The unit of work: commit keeps, anything else rolls back, a lost database is reported."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError

from bot.ports import StorageUnavailable
from storage.engine import default_sqlite_url, make_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.databases import asyncpg_dsn
from tests.storage.samples import (
    A,
    at,
    checkin,
    community,
    reflection,
    seed_team,
    session,
    team,
)


async def test_a_unit_of_work_left_without_commit_leaves_nothing_behind(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
    async with uow_factory() as uow:
        assert await uow.communities.get(A) is None
        assert list(await uow.teams.list(A)) == []


async def test_an_exception_in_the_block_rolls_back_and_goes_on_to_the_caller(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    with pytest.raises(ZeroDivisionError):
        async with uow_factory() as uow:
            await seed_team(uow)
            _ = 1 / 0
    async with uow_factory() as uow:
        assert await uow.communities.get(A) is None


async def test_rollback_discards_only_what_came_after_the_last_commit(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.commit()
        await uow.teams.add(team(A, "C1"))
        await uow.rollback()
        assert await uow.communities.get(A) == community(A)
        assert list(await uow.teams.list(A)) == []


async def test_every_write_of_a_unit_of_work_rolls_back_together_and_commits_together(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """Writes through the ORM (a guarded insert), on the connection (a check-in) and through
    the driver (a claim) are one transaction, and so is each after a commit."""
    with pytest.raises(LookupError):
        async with uow_factory() as uow:
            t = await seed_team(uow)
            await uow.checkins.add(checkin(t, None))
            assert await uow.events.claim(A, "Ev1", at(0))
            await uow.sessions.add(session(replace(t, id=t.id + 99)))  # no such team
    async with uow_factory() as uow:
        assert await uow.communities.get(A) is None
        assert await uow.events.claim(A, "Ev1", at(0))  # the first claim went with the rest
        await uow.commit()
        t = await seed_team(uow)  # a new transaction, in the same unit of work
        await uow.checkins.add(checkin(t, None))
        await uow.commit()
        await uow.checkins.add(checkin(t, None, user_id="U3"))
    async with uow_factory() as uow:
        assert [c.user_id for c in await uow.checkins.list(A, t.id)] == ["U2"]
        assert not await uow.events.claim(A, "Ev1", at(1))


async def test_units_of_work_from_one_factory_are_independent(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    first, second = uow_factory(), uow_factory()
    assert first is not second
    async with first:
        await first.communities.add(community(A))
        await first.commit()
    async with second:
        assert await second.communities.get(A) == community(A)


async def test_a_unit_of_work_cannot_be_entered_twice_at_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    uow = uow_factory()
    async with uow:
        with pytest.raises(RuntimeError):
            await uow.__aenter__()


async def test_commit_outside_the_block_is_a_programming_error(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    with pytest.raises(RuntimeError):
        await uow_factory().commit()


async def test_a_postgres_server_that_refuses_connections_reports_storage_unavailable() -> None:
    factory = SqlUnitOfWorkFactory(make_engine("postgresql+asyncpg://postgres@127.0.0.1:1/plcbot"))
    try:
        with pytest.raises(StorageUnavailable):
            async with factory():
                pass
    finally:
        await factory.dispose()


async def test_a_sqlite_file_whose_directory_cannot_be_made_reports_storage_unavailable(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    factory = SqlUnitOfWorkFactory(make_engine(default_sqlite_url(blocker / "data")))
    try:
        with pytest.raises(StorageUnavailable):
            async with factory():
                pass
    finally:
        await factory.dispose()


@pytest.mark.postgres
async def test_a_missing_postgres_database_reports_storage_unavailable(
    postgres_server: str,
) -> None:
    url = make_url(postgres_server).set(database="plcbot_no_such_database")
    factory = SqlUnitOfWorkFactory(make_engine(url.render_as_string(hide_password=False)))
    try:
        with pytest.raises(StorageUnavailable):
            async with factory():
                pass
    finally:
        await factory.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_connection_lost_mid_unit_reports_storage_unavailable_and_the_next_unit_works(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.commit()
    with pytest.raises(StorageUnavailable):
        async with uow_factory() as uow:
            await uow.communities.get(A)
            await _terminate_other_connections(database_url)
            await uow.reflections.add(reflection(t))
    async with uow_factory() as uow:  # the pool pings, drops the dead connection, reconnects
        assert await uow.communities.get(A) == community(A)


async def test_database_errors_do_not_repeat_the_values_being_written(database_url: str) -> None:
    """Errors end up in logs; the values may be a teacher's private reflection."""
    engine = make_engine(database_url)
    try:
        with pytest.raises(DBAPIError) as refused:
            async with engine.begin() as connection:
                failing = "INSERT INTO no_such_table (text) VALUES (:text)"
                await connection.execute(text(failing), {"text": "a private reflection"})
    finally:
        await engine.dispose()
    assert "private" not in str(refused.value)


async def _terminate_other_connections(url: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    finally:
        await connection.close()


@pytest.mark.slow
async def test_a_sqlite_file_locked_past_the_busy_timeout_reports_storage_unavailable(
    tmp_path: Path,
) -> None:
    url = default_sqlite_url(tmp_path)
    await upgrade(url)
    other_process = sqlite3.connect(make_url(url).database or "", isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")  # holds the write lock
    factory = SqlUnitOfWorkFactory(make_engine(url))
    try:
        with pytest.raises(StorageUnavailable):
            async with factory():
                pass
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()
        await factory.dispose()


async def test_sqlite_connections_use_wal_normal_sync_foreign_keys_and_a_busy_timeout(
    tmp_path: Path,
) -> None:
    engine = make_engine(default_sqlite_url(tmp_path / "made" / "on" / "connect"))
    try:
        async with engine.connect() as connection:
            pragmas = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        await engine.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 1,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }
    assert (tmp_path / "made" / "on" / "connect" / "plcbot.sqlite3").is_file()


def test_the_default_sqlite_url_is_an_absolute_file_in_the_data_directory(tmp_path: Path) -> None:
    url = make_url(default_sqlite_url(tmp_path / "data dir"))
    assert url.drivername == "sqlite+aiosqlite"
    assert url.database == str(tmp_path / "data dir" / "plcbot.sqlite3")
