"""Ack in time: Slack wants an answer within 3 seconds whatever the core is doing.

A listener starts the core's work as a task and waits for it up to the budget: a quick answer
rides in the ack itself, and the ack then also means "saved" (Slack never resends what it saw
acknowledged, so a crash after it must lose nothing). Past the budget it acks and lets the
task finish in the background. With `process_before_response=True` Bolt sends the ack only when the listener
returns, so anything slow after the ack must be a background task, never an await."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar

from bot.api import Outcome, unexpected

log = logging.getLogger(__name__)

ACK_BUDGET = 1.5  # seconds of the 3 that the core may use before we ack without its answer
T = TypeVar("T")


async def safely(work: Awaitable[Outcome]) -> Outcome:
    """The core's answer, or an apology (and the stack trace in the log) if it broke."""
    try:
        return await work
    except Exception:
        return unexpected("a Slack request")


class Background:
    """Tasks that outlive the request that started them; kept referenced, drained at shutdown."""

    def __init__(self, *, budget: float = ACK_BUDGET) -> None:
        self.budget = budget
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a Slack background task failed", exc_info=task.exception())

    async def within_budget(self, task: asyncio.Task[T]) -> T | None:
        """The task's result if it finishes within the budget; None if it is still running."""
        try:
            return await asyncio.wait_for(asyncio.shield(task), self.budget)
        except TimeoutError:
            return None

    async def drain(self, grace: float = 10.0) -> None:
        """Let running work finish (replies still owed, tasks they start included), then
        cancel what is left after `grace` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while self._tasks and loop.time() < deadline:
            await asyncio.wait(set(self._tasks), timeout=max(0.0, deadline - loop.time()))
        late = set(self._tasks)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=1.0)
