"""A per-person rate limit: one person's flood slows only them.

A token bucket per (community, user): `burst` requests at once, refilled at `per_minute`.
In memory, per process: a flood spread across workers is held by each, which is enough to
protect the database and the platform's rate limits. Bounded: the oldest idle buckets are
dropped past `max_people`."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from bot.ports import Clock


class Throttle:
    def __init__(
        self,
        clock: Clock,
        *,
        per_minute: float = 30,
        burst: int = 15,
        max_people: int = 100_000,
        on: bool = True,
    ) -> None:
        """`on=False`: everything is allowed (the console: one person's own script)."""
        self._on = on
        self._clock = clock
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._max = max_people
        self._buckets: OrderedDict[tuple[str, str], tuple[float, datetime]] = OrderedDict()

    def allow(self, community_id: str, user_id: str) -> bool:
        if not self._on:
            return True
        now = self._clock.now()
        key = (community_id, user_id)
        tokens, last = self._buckets.pop(key, (self._burst, now))
        tokens = min(self._burst, tokens + max(0.0, (now - last).total_seconds()) * self._rate)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self._max:
            self._buckets.popitem(last=False)
        return allowed

    def retry_after(self, community_id: str, user_id: str) -> int:
        tokens, _ = self._buckets.get((community_id, user_id), (self._burst, self._clock.now()))
        return max(1, int((1.0 - tokens) / self._rate) + 1) if self._rate else 60
