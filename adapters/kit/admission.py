"""Requests in the order they came, a few at a time: what keeps a burst answered in time.

Without it, every request of a burst of 500 is in flight at once on the one event loop, each
getting a 500th of it: they all finish late together, near the end of the burst, and every one
whose core had not answered within the deadline budget was told "Working on it…" (226 of 500
on a busy machine). With at most `limit` inside at once, admitted first come first served,
the same work is done in arrival order: the first requests are answered in milliseconds, the
last when the burst's work is done, and only a request that waited longer than the budget
(the machine really is too slow for the burst) is deferred.

A request holds its slot from the moment it goes in until the core's work on it is done, even
when that outlasts its acknowledgement (`admitted`, which the deadline responder wraps around
every core call, takes the slot over). It waits for a slot at most until its deadline budget
runs out (`until`); past it, it goes on without one (`slot` yields False), so its "working on
it" still goes out in time (the Slack endpoint answers it at once, adapters/slack/web.py; the
deadline responder would defer at once too: its budget is spent), and its core work then
queues for a slot like everyone else's: an overload never turns into all the late requests'
work sharing the loop at once. That wait is bounded too (`waiting`, WAIT seconds): work still
without a slot then runs without one, so the person's answer still arrives (later, the loop
shared), never nothing. The Slack endpoint reads the body and checks the signature before it
asks for a slot, so only signed requests ever hold one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
# Enough to keep the loop busy while some wait on the database, few enough to keep the order.
IN_FLIGHT = 8
# The longest a request's core work waits for a slot; then it runs without one (see above).
WAIT = 30.0
log = logging.getLogger(__name__)


@dataclass
class _Ticket:
    """The request's place: whether it holds a slot, and whether its core work took it over."""

    slots: asyncio.Semaphore
    held: bool
    waiting: float
    taken_over: bool = False


_ticket: ContextVar[_Ticket | None] = ContextVar("plcbot_admission", default=None)


class Admission:
    def __init__(self, limit: int = IN_FLIGHT, *, waiting: float = WAIT) -> None:
        self.limit = limit
        self.waiting = waiting
        self._slots = asyncio.Semaphore(limit)  # wakes its waiters in the order they came

    @contextlib.asynccontextmanager
    async def slot(self, *, until: float) -> AsyncIterator[bool]:
        """Inside once a slot is free or the loop's clock passes `until`; yields whether it
        holds a slot. Tasks started inside (the core's work) inherit the request's ticket."""
        held = await self._acquire(until)
        ticket = _Ticket(self._slots, held, self.waiting)
        token = _ticket.set(ticket)
        try:
            yield held
        finally:
            _ticket.reset(token)
            if ticket.held and not ticket.taken_over:
                ticket.held = False  # work started later queues for a slot of its own
                self._slots.release()

    async def _acquire(self, until: float) -> bool:
        if not self._slots.locked():
            await self._slots.acquire()  # free: at once
            return True
        try:
            await asyncio.wait_for(self._slots.acquire(), until - asyncio.get_running_loop().time())
        except TimeoutError:
            return False
        return True


async def admitted(work: Awaitable[T]) -> T:
    """`work` (the core's, on a request), holding the request's slot until it is done; in its
    turn for one (at most `waiting` seconds) if the request went in without. Outside an
    admitted request: at once."""
    ticket = _ticket.get()
    if ticket is None or ticket.taken_over:
        return await work
    if not ticket.held:
        return await _in_turn(ticket, work)
    ticket.taken_over = True
    try:
        return await work
    finally:
        ticket.slots.release()


async def _in_turn(ticket: _Ticket, work: Awaitable[T]) -> T:
    """`work` once a slot is free, or without one after `ticket.waiting` seconds."""
    try:
        await asyncio.wait_for(ticket.slots.acquire(), ticket.waiting)
    except TimeoutError:
        log.warning("no free slot after %.0f s: a request's work runs without one", ticket.waiting)
        return await work
    try:
        return await work
    finally:
        ticket.slots.release()
