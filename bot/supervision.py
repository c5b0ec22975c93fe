"""`plcbot run` keeps each adapter alive on its own: one platform's failure never stops another.

Every adapter (Slack, Discord, the scheduler) runs under `supervise`: when it fails it is
logged, and started again after a pause that doubles from FIRST_RETRY up to MAX_RETRY (a crash
loop must not hammer a platform: Discord allows 1,000 logins a day), and that resets once a run
has lasted STABLE_AFTER. A configuration error is not retried (the same settings would fail the
same way): that adapter stops for good with its message, and the others go on.

`shut_down` bounds stopping: every adapter gets `grace` seconds to finish once `stop` is set,
and whatever is still running then is cancelled, so a signal ends the process promptly in every
state (a platform that is unreachable included)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from bot.config import ConfigError
from bot.observe import metrics

log = logging.getLogger("plcbot")

FIRST_RETRY = 1.0
MAX_RETRY = 300.0
STABLE_AFTER = 300.0
SHUTDOWN_GRACE = 6.0


async def supervise(
    name: str,
    run: Callable[[], Awaitable[None]],
    stop: asyncio.Event,
    *,
    first_retry: float = FIRST_RETRY,
    max_retry: float = MAX_RETRY,
) -> ConfigError | None:
    """Run `run` until `stop` is set; None then, or the configuration error that ended it."""
    delay = first_retry
    while not stop.is_set():
        started = time.monotonic()
        try:
            await run()
        except ConfigError as error:
            log.error("the %s adapter stopped and will not be restarted: %s", name, error)
            return error
        except Exception:
            if stop.is_set():
                return None
            log.exception("the %s adapter failed; restarting it in %.0f s", name, delay)
        else:
            if stop.is_set():
                return None
            log.warning("the %s adapter ended by itself; restarting it in %.0f s", name, delay)
        metrics().adapter_restart(name)
        if time.monotonic() - started > STABLE_AFTER:
            delay = first_retry
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=delay)
        delay = min(delay * 2, max_retry)
    return None


async def until_stopped(stop: asyncio.Event, platforms: Sequence[asyncio.Task[object]]) -> None:
    """Until `stop` is set, or every platform adapter has stopped for good (nothing is left to
    serve). With no platform adapter at all (the scheduler alone), until `stop`."""
    waiting = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set() and not (platforms and all(t.done() for t in platforms)):
            running = {t for t in platforms if not t.done()}
            await asyncio.wait({waiting, *running}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiting.cancel()


async def shut_down(
    tasks: Sequence[asyncio.Task[object]], *, grace: float = SHUTDOWN_GRACE
) -> None:
    """Wait up to `grace` seconds for the tasks to end (stop is already set), then cancel."""
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=grace)
    for task in pending:
        log.warning("%s did not stop within %.0f s; cancelling it", task.get_name(), grace)
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=1.0)
