"""Posts to one channel paced to Slack's rate (about one message a second, short bursts allowed),
and a whole workspace held back while Slack says it is over its limit (WorkspaceGate).

A per-channel reservation, no lock: a caller takes the next free slot at once (nothing awaits
between reading and writing the slot) and then sleeps until it comes. Channels never wait
for each other. This is the generic cell rate algorithm: a theoretical arrival time per
channel, `interval` apart, with `burst - 1` intervals of tolerance."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable


class ChannelPacer:
    def __init__(
        self,
        *,
        per_second: float = 1.0,
        burst: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_second <= 0 or burst < 1:
            raise ValueError("per_second must be > 0 and burst >= 1")
        self._interval = 1.0 / per_second
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._due: dict[str, float] = {}

    def reserve(self, channel: str) -> float:
        """Take the channel's next slot; returns how many seconds to wait for it."""
        now = self._clock()
        if len(self._due) > 10_000:
            self._due = {k: t for k, t in self._due.items() if t > now}
        due = max(self._due.get(channel, now), now)
        self._due[channel] = due + self._interval
        return max(0.0, due - self._tolerance - now)

    async def wait(self, channel: str) -> None:
        delay = self.reserve(channel)
        if delay > 0:
            await asyncio.sleep(delay)


class WorkspaceGate:
    """After Slack answers 429 for a workspace, no post to that workspace goes out until the
    Retry-After it gave is up: retries and new posts alike wait, instead of each hammering on.
    Whoever waited starts again after up to `jitter` seconds more, so they do not all land at
    the same instant."""

    def __init__(self, *, jitter: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._jitter = jitter
        self._clock = clock
        self._open_at: dict[str, float] = {}

    def close(self, workspace: str, seconds: float) -> None:
        """Slack said: nothing more for `seconds`."""
        now = self._clock()
        if len(self._open_at) > 10_000:
            self._open_at = {k: t for k, t in self._open_at.items() if t > now}
        self._open_at[workspace] = max(self._open_at.get(workspace, now), now + seconds)

    async def wait(self, workspace: str) -> None:
        waited = False
        while (delay := self._open_at.get(workspace, 0.0) - self._clock()) > 0:
            waited = True
            await asyncio.sleep(delay)
        if waited and self._jitter:
            await asyncio.sleep(random.uniform(0, self._jitter))
