"""The SQL unit of work makes its repositories on first use: every repository the core's port
names must be one it knows how to make, or the first request that needs it fails."""

from __future__ import annotations

import typing

from bot.ports import UnitOfWork
from storage.uow import _REPOSITORIES


def test_every_repository_of_the_port_is_made_by_the_sql_unit_of_work() -> None:
    named = {name for name in typing.get_type_hints(UnitOfWork) if not name.startswith("_")}
    assert named - set(_REPOSITORIES) == set()
    assert set(_REPOSITORIES) - named == set()
