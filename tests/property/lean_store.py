"""The in-memory store of tests/fakes.py, copying its state container by container instead of
deep-copying it on every unit of work. Every stored value is a frozen dataclass of immutable
fields, so copying the containers isolates a unit of work exactly as a deep copy does; reading
every view for every reader after every step is then cheap enough for `make test`."""

from __future__ import annotations

import copy
from dataclasses import fields

from tests.fakes import FakeStore, FakeUnitOfWork, State


def copied(state: State) -> State:
    return State(**{f.name: copy.copy(getattr(state, f.name)) for f in fields(State)})


class LeanUnitOfWork(FakeUnitOfWork):
    def snapshot(self, state: State) -> State:
        return copied(state)


class LeanStore(FakeStore):
    def uow(self) -> LeanUnitOfWork:
        return LeanUnitOfWork(self)
