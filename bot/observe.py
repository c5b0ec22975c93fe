"""What the core reports to whoever runs plcbot: counts and timings through a small port
(`Metrics`, a no-op unless the composition root plugs one in), and the request a log line
belongs to (context variables set at the door, read by the log formatter).

No label the core reports carries a person's id or words: platforms, intent type names,
outcomes, scheduler states and adapter names only (a bounded set)."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Protocol


class Metrics(Protocol):
    def request(self, platform: str, kind: str, command: str, outcome: str, seconds: float) -> None:
        """A command, click, form or message answered: `kind` is how it came (command, click,
        submit, message), `command` the intent's type name, `outcome` how it ended."""

    def scheduled(self, state: str, count: int = 1) -> None:
        """Scheduler runs: claimed, sent, failed, skipped or missed."""

    def schedule_lag(self, seconds: float) -> None:
        """A scheduled run posted `seconds` after it was due."""

    def rate_limited(self, platform: str) -> None:
        """The platform answered 429."""

    def retried(self, platform: str, reason: str) -> None:
        """A platform call was tried again (reason: rate_limit, connection)."""

    def database_error(self) -> None:
        """The database could not be reached for a request or a tick."""

    def adapter_restart(self, adapter: str) -> None:
        """An adapter (a platform, the scheduler) failed or ended and is started again."""


class NoMetrics:
    """The default: reports go nowhere."""

    def request(self, platform: str, kind: str, command: str, outcome: str, seconds: float) -> None:
        pass

    def scheduled(self, state: str, count: int = 1) -> None:
        pass

    def schedule_lag(self, seconds: float) -> None:
        pass

    def rate_limited(self, platform: str) -> None:
        pass

    def retried(self, platform: str, reason: str) -> None:
        pass

    def database_error(self) -> None:
        pass

    def adapter_restart(self, adapter: str) -> None:
        pass


_metrics: Metrics = NoMetrics()


def metrics() -> Metrics:
    """The process's metrics (set once by the composition root; a no-op otherwise)."""
    return _metrics


def use_metrics(chosen: Metrics | None) -> None:
    """Plug in the process's metrics (None: back to the no-op)."""
    global _metrics
    _metrics = chosen if chosen is not None else NoMetrics()


# ---- the request a log line belongs to ---------------------------------------------------

request_id: ContextVar[str | None] = ContextVar("plcbot_request_id", default=None)
community: ContextVar[str | None] = ContextVar("plcbot_community", default=None)
platform: ContextVar[str | None] = ContextVar("plcbot_platform", default=None)


def new_request_id() -> str:
    """Eight hex characters: short enough to read out, random enough not to collide."""
    return secrets.token_hex(4)


@contextlib.contextmanager
def request_scope(platform_name: str, community_id: str) -> Iterator[str]:
    """Within: log lines name this community and platform, and a request id (the one an
    adapter set already for this request, or a new one). Yields the request id."""
    rid = request_id.get() or new_request_id()
    tokens = (request_id.set(rid), community.set(community_id), platform.set(platform_name))
    try:
        yield rid
    finally:
        request_id.reset(tokens[0])
        community.reset(tokens[1])
        platform.reset(tokens[2])
