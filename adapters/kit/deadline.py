"""Answer in time: a platform wants its first answer within a deadline (Slack: the ack within
3 s; Discord: the first interaction response within 3 s) whatever the core is doing.

The core's work runs as a task and is waited for up to the budget. A quick answer rides in the
acknowledgement itself (which then also means "saved": a platform never resends what it saw
acknowledged, so a crash after it must lose nothing). Past the budget the request is deferred
("working on it") and the answer follows when the core is done. Whatever breaks inside the
core becomes an apology with a reference (`safely`), never a platform error.

The budget runs from the request's arrival (`arrived`, the event loop's time when the server
took the request in), not from when the listener got its turn: under a burst a request may
have queued for a while first (see admission.py), and the platform's clock started when it
sent the request."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from adapters.kit.admission import admitted
from bot.api import Outcome, unexpected

log = logging.getLogger(__name__)

# Seconds of the platform's 3, from the request's arrival, before we defer: the second left is
# for the answer to cross the network. (It was 1.5 s from the listener's start, which under a
# burst began up to half a second after the arrival: the same deadline, now kept exactly.)
BUDGET = 2.0
T = TypeVar("T")
Reply = Callable[[Outcome], Awaitable[None]]


async def safely(work: Awaitable[Outcome], where: str) -> Outcome:
    """The core's answer, or an apology (and the stack trace in the log) if it broke."""
    try:
        return await work
    except Exception:
        return unexpected(where)


class Deadline:
    """The one deadline responder, and the tasks that outlive the request that started them:
    kept referenced, drained at shutdown."""

    def __init__(self, *, budget: float = BUDGET) -> None:
        self.budget = budget
        self._tasks: set[asyncio.Task[Any]] = set()

    async def respond(
        self,
        work: Awaitable[Outcome],
        *,
        where: str,
        in_time: Reply,
        defer: Callable[[], Awaitable[object]],
        later: Reply,
        wait: bool = False,
        arrived: float | None = None,
    ) -> None:
        """`in_time(outcome)` when the core answers within the budget; otherwise `defer()` at
        the budget and `later(outcome)` when it is done (awaited with `wait`, else in the
        background, as when the platform acknowledges only once the listener returns)."""
        task, outcome = await self.first_answer(work, where, arrived=arrived)
        if outcome is not None:
            await in_time(outcome)
            return
        await defer()
        follow_up = self.spawn(self._after(task, later))
        if wait:
            await follow_up

    @staticmethod
    async def _after(task: asyncio.Task[Outcome], later: Reply) -> None:
        await later(await task)

    async def first_answer(
        self, work: Awaitable[Outcome], where: str, *, arrived: float | None = None
    ) -> tuple[asyncio.Task[Outcome], Outcome | None]:
        """Start the core's work (`start`) and wait for it up to the budget: the task, and its
        outcome when it came within the budget (None when it is still running).

        The listener waits on a future the work itself settles the moment it has its outcome,
        and a timer settles at the budget: one turn of the event loop after the work is done,
        where waiting on the task (wait_for around a shield of it) took two or three, each
        turn a round of the loop's bookkeeping on every request."""
        loop = asyncio.get_running_loop()
        left = self._left(loop, arrived)
        if left <= 0:  # the budget went on waiting for a slot: defer at once
            return self.start(work, where), None
        answered: asyncio.Future[Outcome | None] = loop.create_future()
        task = self.spawn(self._working(work, where, answered))
        timer = loop.call_later(left, _settle, answered, None)
        try:
            outcome = await answered
        finally:
            timer.cancel()
        return task, outcome

    def start(self, work: Awaitable[Outcome], where: str) -> asyncio.Task[Outcome]:
        """The core's work on a request, as a task: safely, and in its turn when the request
        went in without a slot (admission.py)."""
        return self.spawn(self._working(work, where, None))

    @staticmethod
    async def _working(
        work: Awaitable[Outcome], where: str, answered: asyncio.Future[Outcome | None] | None
    ) -> Outcome:
        """`safely(admitted(work))`, telling `answered` the outcome as soon as it is known (a
        cancelled work cancels it: the listener waiting on it is cancelled too, as it would
        be waiting on the task)."""
        try:
            outcome = await safely(admitted(work), where)
        except BaseException:
            if answered is not None:
                answered.cancel()
            raise
        if answered is not None:
            _settle(answered, outcome)
        return outcome

    def spawn(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a background task failed", exc_info=task.exception())

    async def within_budget(
        self, task: asyncio.Task[T], *, arrived: float | None = None
    ) -> T | None:
        """The task's result if it finishes within the budget (counted from `arrived`, the
        loop time the request came in; from now without it); None if it is still running.
        The task itself is never cancelled by this, nor by cancelling the caller."""
        if task.done():
            return task.result()
        loop = asyncio.get_running_loop()
        left = self._left(loop, arrived)
        if left <= 0:
            return None
        waiter: asyncio.Future[None] = loop.create_future()

        def wake(_task: object = None) -> None:
            _settle(waiter, None)

        timer = loop.call_later(left, wake)
        task.add_done_callback(wake)
        try:
            await waiter
        finally:
            timer.cancel()
            task.remove_done_callback(wake)
        return task.result() if task.done() else None

    def _left(self, loop: asyncio.AbstractEventLoop, arrived: float | None) -> float:
        """Seconds of the budget left, counted from `arrived` (from now without it)."""
        return self.budget if arrived is None else self.budget - (loop.time() - arrived)

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


def _settle(future: asyncio.Future[T], value: T) -> None:
    if not future.done():
        future.set_result(value)
