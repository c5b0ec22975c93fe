"""The in-memory store of tests/fakes.py, copying its state container by container instead of
deep-copying it on every unit of work. Every stored value is a frozen dataclass of immutable
fields, so copying the containers isolates a unit of work exactly as a deep copy does; reading
every view for every reader after every step is then cheap enough for `make test`."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import fields
from typing import Self

from bot.ports import StorageUnavailable
from tests.fakes import FakeStore, FakeUnitOfWork, State


def copied(state: State) -> State:
    return State(**{f.name: copy.copy(getattr(state, f.name)) for f in fields(State)})


class LeanUnitOfWork(FakeUnitOfWork):
    async def __aenter__(self) -> Self:
        if self.store.unavailable:
            raise StorageUnavailable("fake database is down")
        self.state = copied(self.store.state)
        return self

    async def commit(self) -> None:
        assert self.state is not None
        self.store.state = self.state
        self.state = copied(self.state)
        self.store.commits += 1
        self.committed = True

    async def rollback(self) -> None:
        self.state = copied(self.store.state)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        assert self.state is not None
        before = copied(self.state)
        try:
            yield
        except BaseException:
            self.state = before
            raise


class LeanStore(FakeStore):
    def uow(self) -> LeanUnitOfWork:
        return LeanUnitOfWork(self)
