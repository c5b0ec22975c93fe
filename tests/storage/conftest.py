"""The storage contract tests run on the in-memory unit of work too.

A test here that reaches the repositories only through `uow_factory` is a contract of the
ports: it runs on the fake unit of work of tests/fakes.py (the one the unit tests use) as well
as on SQLite and PostgreSQL, so the fake cannot drift from the SQL it stands for. A test that
reads the database itself (raw SQL, migrations, query counts, locks between connections) is
marked `sql_only` and runs on the databases alone, as does one that names its backends.
"""

from __future__ import annotations

import pytest

CONTRACT = ["fake", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


READS_THE_DATABASE = {"database_url", "empty_database_url", "postgres_database"}


def _sql_only(metafunc: pytest.Metafunc) -> bool:
    """Marked so, reading the database itself, or naming its backends."""
    return (
        any(metafunc.definition.iter_markers("sql_only"))
        or bool(READS_THE_DATABASE & set(metafunc.fixturenames))
        or any(
            "backend" in str(mark.args[0])
            for mark in metafunc.definition.iter_markers("parametrize")
        )
    )


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Before pytest parametrizes `backend` with the databases, a contract test gets the fake
    as well (a parametrize mark takes precedence over the fixture's own params)."""
    if "uow_factory" in metafunc.fixturenames and not _sql_only(metafunc):
        metafunc.definition.add_marker(pytest.mark.parametrize("backend", CONTRACT, indirect=True))
