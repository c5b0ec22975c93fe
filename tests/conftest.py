"""Shared fixtures: a migrated database for each test, on SQLite and on PostgreSQL.

SQLite: a fresh file in tmp_path, a copy of one migrated once per test session (running
every migration again took 1-3 s a test, for about 360 tests). PostgreSQL: a uniquely named database created
from TEST_DATABASE_URL for the test session, migrated once, emptied before each test and
dropped at the end. Without a reachable PostgreSQL those tests are skipped, or fail when
CI=true (CI must not go green by skipping them).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

from bot.observe import use_metrics
from plcbot.loop import loop_factory
from plcbot.metrics import PrometheusMetrics
from storage.engine import SQLITE_FILE, default_sqlite_url, make_engine
from storage.migrate import upgrade_sync
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeStore, FakeUnitOfWork
from tests.storage.databases import (
    create_database,
    drop_database,
    masked,
    ping,
    run_async,
    truncate_all,
    with_database,
)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> dict[str, Callable[[], asyncio.AbstractEventLoop]]:
    """Every async test runs on the event loop `plcbot` runs on (plcbot/loop.py: uvloop)."""
    return {"loop": loop_factory()}


def _postgres_unavailable(request: pytest.FixtureRequest, reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL storage tests cannot run: {reason}", pytrace=False)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nskipping the PostgreSQL storage tests: {reason}", yellow=True)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> str:
    """TEST_DATABASE_URL, once it is known to answer."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        _postgres_unavailable(request, "TEST_DATABASE_URL is not set")
    try:
        run_async(lambda: ping(url))
    except Exception as error:
        _postgres_unavailable(request, f"cannot connect to {masked(url)}: {error!r}")
    return url


@contextmanager
def _migrated_database(server: str) -> Iterator[str]:
    """A new database on the server, migrated, dropped afterwards."""
    name = f"plcbot_t_{secrets.token_hex(4)}"
    run_async(lambda: create_database(server, name))
    try:
        url = with_database(server, name)
        upgrade_sync(url)
        yield url
    finally:
        run_async(lambda: drop_database(server, name))


@pytest.fixture(scope="session")
def postgres_database(postgres_server: str) -> Iterator[str]:
    """A database of this test session's own, migrated once (emptied before each test)."""
    with _migrated_database(postgres_server) as url:
        yield url


@pytest.fixture
def fresh_database(postgres_server: str) -> Iterator[str]:
    """A PostgreSQL database of this test's own, migrated: for tests whose processes share it."""
    with _migrated_database(postgres_server) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the head once for the test session (each xdist worker)."""
    folder = tmp_path_factory.mktemp("migrated")
    upgrade_sync(default_sqlite_url(folder))
    return folder / SQLITE_FILE


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database on the backend under test."""
    if backend == "fake":
        pytest.fail("this test reads the database itself: mark it sql_only", pytrace=False)
    if backend == "sqlite":
        migrated: Path = request.getfixturevalue("migrated_sqlite")
        # SQLite's own copy (the backup API): the file as the migrations left it, in its own
        # folder, whatever the journal mode kept beside it
        with closing(sqlite3.connect(migrated)) as source:
            with closing(sqlite3.connect(tmp_path / SQLITE_FILE)) as copy:
                source.backup(copy)
        return default_sqlite_url(tmp_path)
    shared: str = request.getfixturevalue("postgres_database")
    run_async(lambda: truncate_all(shared))
    return shared


@pytest.fixture
def empty_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A database no migration has touched yet."""
    if backend == "sqlite":
        yield default_sqlite_url(tmp_path / "empty")
        return
    server: str = request.getfixturevalue("postgres_server")
    name = f"plcbot_t_{secrets.token_hex(4)}"
    run_async(lambda: create_database(server, name))
    try:
        yield with_database(server, name)
    finally:
        run_async(lambda: drop_database(server, name))


@pytest.fixture
async def uow_factory(
    backend: str, request: pytest.FixtureRequest
) -> AsyncIterator[SqlUnitOfWorkFactory | Callable[[], FakeUnitOfWork]]:
    """Units of work on the backend under test: a migrated database, or, for the storage
    contract tests (tests/storage/conftest.py), the in-memory fake the unit tests use."""
    if backend == "fake":
        yield FakeStore().uow
        return
    factory = SqlUnitOfWorkFactory(make_engine(request.getfixturevalue("database_url")))
    yield factory
    await factory.dispose()


@pytest.fixture
def metrics() -> Iterator[PrometheusMetrics]:
    """The process's metrics, plugged into the core for the test (and unplugged after)."""
    chosen = PrometheusMetrics()
    use_metrics(chosen)
    yield chosen
    use_metrics(None)
