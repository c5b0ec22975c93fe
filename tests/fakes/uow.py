"""The in-memory unit of work: it copies the committed state on entry and swaps it back only on
commit, so a use case that fails half-way leaves nothing behind, as the SQL one does.

One writer at a time, as SQLite: a unit of work takes the store's writer lock at its first
write (reading the latest committed state then) and holds it until it commits, rolls back or
ends. Two units at once therefore behave as on the databases: the second writer waits, then
sees what the first committed (a claim already taken, an open session, the other answer)."""

from __future__ import annotations

import asyncio
import copy
import itertools
from types import TracebackType
from typing import Self

from bot.ports import StorageUnavailable
from tests.fake_minutes import FakeMeetings
from tests.fake_reports import FakeReportReads
from tests.fake_work import FakeActionItems, FakeCycleRecords
from tests.fakes.credentials import FakePortfolios
from tests.fakes.operations import AuditLog, PendingWithdrawals, ProcessedEvents
from tests.fakes.people import Communities, Members, StageChanges, TeamRoles, Teams
from tests.fakes.protocols import FakeProtocolRuns
from tests.fakes.records import FakeAttendances, FakeTeamPrompts
from tests.fakes.reflections import Deliveries, PostedMessages, Reflections
from tests.fakes.rights import DataRights
from tests.fakes.scheduling import CalendarBreaks, ScheduleRuns, Schedules, SentReminders
from tests.fakes.sessions import CheckIns, PulseAnswers, Sessions
from tests.fakes.state import State

WRITER_WAIT = 5.0  # seconds a writer waits for another's lock (a nested writer would hang)


class FakeStore:
    """The committed state, shared by every unit of work made from it."""

    def __init__(self) -> None:
        self.state = State()
        self.ids = itertools.count(1)
        self.commits = 0
        self.unavailable = False
        self.writer = asyncio.Lock()

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)


class FakeUnitOfWork:
    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.state: State | None = None
        self.committed = False
        self.writes = False  # holds the store's writer lock
        self.read_at = -1  # the store's commit count when `state` was copied
        self.communities = Communities(self)
        self.members = Members(self)
        self.teams = Teams(self)
        self.team_roles = TeamRoles(self)
        self.stage_changes = StageChanges(self)
        self.sessions = Sessions(self)
        self.checkins = CheckIns(self)
        self.deliveries = Deliveries(self)
        self.reflections = Reflections(self)
        self.pulse = PulseAnswers(self)
        self.posted = PostedMessages(self)
        self.withdrawals = PendingWithdrawals(self)
        self.team_prompts = FakeTeamPrompts(self)
        self.attendance = FakeAttendances(self)
        self.events = ProcessedEvents(self)
        self.schedules = Schedules(self)
        self.schedule_runs = ScheduleRuns(self)
        self.calendar = CalendarBreaks(self)
        self.reminders = SentReminders(self)
        self.audit = AuditLog(self)
        self.rights = DataRights(self)
        self.reports = FakeReportReads(self)  # type: ignore[arg-type]
        self.cycle_records = FakeCycleRecords(self)
        self.action_items = FakeActionItems(self)
        self.meetings = FakeMeetings(self)
        self.protocol_runs = FakeProtocolRuns(self)
        self.portfolios = FakePortfolios(self)

    def next_id(self) -> int:
        return next(self.store.ids)

    def snapshot(self, state: State) -> State:
        """A copy of the state this unit of work may change freely (overridden to copy less)."""
        return copy.deepcopy(state)

    def _copy(self) -> None:
        self.state = self.snapshot(self.store.state)
        self.read_at = self.store.commits

    async def writing(self) -> None:
        """Before a write: the writer lock, and the latest committed state if another unit of
        work committed since this one read (it has written nothing yet to lose)."""
        if self.state is None:
            raise RuntimeError("use the unit of work inside `async with`")
        if self.writes:
            return
        try:
            await asyncio.wait_for(self.store.writer.acquire(), WRITER_WAIT)
        except TimeoutError:
            raise RuntimeError("another unit of work holds the writer lock (nested?)") from None
        self.writes = True
        if self.read_at != self.store.commits:
            self._copy()

    def _release(self) -> None:
        if self.writes:
            self.writes = False
            self.store.writer.release()

    async def __aenter__(self) -> Self:
        if self.state is not None:
            raise RuntimeError("this unit of work is in use; make another one")
        if self.store.unavailable:
            raise StorageUnavailable("fake database is down")
        self._copy()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.state = None
        self._release()

    async def commit(self) -> None:
        if self.state is None:
            raise RuntimeError("commit() outside `async with` the unit of work")
        if self.writes or self.read_at == self.store.commits:  # else it only read: keep theirs
            self.store.state = self.state
        self.store.commits += 1
        self._copy()
        self.committed = True
        self._release()

    async def rollback(self) -> None:
        self._copy()
        self._release()
