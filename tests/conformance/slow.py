"""A core that can be made slow on demand: the next unit of work starts only after a pause."""

from __future__ import annotations

import asyncio
from types import TracebackType

from bot.ports import UnitOfWork
from tests.fakes import FakeStore


class SlowWhenAsked:
    """Units of work from `store`; after `slow_once(s)` the next one entered waits s seconds."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self._delay = 0.0

    def slow_once(self, seconds: float) -> None:
        self._delay = seconds

    def __call__(self) -> UnitOfWork:
        delay, self._delay = self._delay, 0.0
        return _Late(self.store.uow(), delay)  # type: ignore[return-value]


class _Late:
    def __init__(self, inner: UnitOfWork, delay: float) -> None:
        self.inner, self.delay = inner, delay

    async def __aenter__(self) -> UnitOfWork:
        await asyncio.sleep(self.delay)
        return await self.inner.__aenter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.inner.__aexit__(kind, exc, tb)
