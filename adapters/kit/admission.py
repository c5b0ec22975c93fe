"""Requests in the order they came, a few at a time: what keeps a burst answered in time.

Without it, every request of a burst of 500 is in flight at once on the one event loop, each
getting a 500th of it: they all finish late together, near the end of the burst, and every one
whose core had not answered within the deadline budget was told "Working on it…" (226 of 500
on a busy machine). With at most `limit` inside at once, admitted first come first served,
the same work is done in arrival order: the first requests are answered in milliseconds, the
last when the burst's work is done, and only a request that waited longer than the budget
(the machine really is too slow for the burst) is deferred.

A request waits for a slot at most until its deadline budget runs out (`until`); past it, it
goes in without one, so its "working on it" still goes out in time (the deadline responder,
deadline.py, defers at once: its budget is spent)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

# Enough to keep the loop busy while some wait on the database, few enough to keep the order.
IN_FLIGHT = 8


class Admission:
    def __init__(self, limit: int = IN_FLIGHT) -> None:
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)  # wakes its waiters in the order they came

    @contextlib.asynccontextmanager
    async def slot(self, *, until: float) -> AsyncIterator[bool]:
        """Inside once a slot is free or the loop's clock passes `until`; yields whether it
        holds a slot."""
        if not self._slots.locked():
            await self._slots.acquire()  # free: at once
        else:
            try:
                await asyncio.wait_for(
                    self._slots.acquire(), until - asyncio.get_running_loop().time()
                )
            except TimeoutError:
                yield False
                return
        try:
            yield True
        finally:
            self._slots.release()
