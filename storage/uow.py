"""The unit of work: one transaction on one connection (storage/transaction.py), the
repositories over it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy.ext.asyncio import AsyncEngine

from bot import ports
from bot.minutes_ports import Meetings
from bot.ports_attendance import Attendances
from bot.ports_prompts import TeamPrompts
from bot.reports import ReportReads
from storage.credential_repositories import SqlPortfolios
from storage.engine import ERASED, checkpoint
from storage.errors import describe, is_unavailable, translate, translated
from storage.minutes_repositories import SqlMeetings
from storage.protocol_repository import SqlProtocolRuns
from storage.report_reads import SqlReportReads
from storage.repositories import (
    SqlAttendances,
    SqlAuditLog,
    SqlCalendarBreaks,
    SqlCheckIns,
    SqlCommunities,
    SqlDataRights,
    SqlDeliveries,
    SqlMembers,
    SqlPendingWithdrawals,
    SqlPostedMessages,
    SqlProcessedEvents,
    SqlPulseAnswers,
    SqlReflections,
    SqlScheduleRuns,
    SqlSchedules,
    SqlSentReminders,
    SqlSessions,
    SqlStageChanges,
    SqlTeamPrompts,
    SqlTeamRoles,
    SqlTeams,
)
from storage.transaction import Transaction
from storage.work_repositories import SqlActionItems, SqlCycleRecords

log = logging.getLogger(__name__)


_REPOSITORIES: dict[str, Callable[[Transaction], object]] = {
    "communities": SqlCommunities,
    "members": SqlMembers,
    "teams": SqlTeams,
    "team_roles": SqlTeamRoles,
    "stage_changes": SqlStageChanges,
    "sessions": SqlSessions,
    "checkins": SqlCheckIns,
    "deliveries": SqlDeliveries,
    "reflections": SqlReflections,
    "pulse": SqlPulseAnswers,
    "posted": SqlPostedMessages,
    "withdrawals": SqlPendingWithdrawals,
    "team_prompts": SqlTeamPrompts,
    "attendance": SqlAttendances,
    "events": SqlProcessedEvents,
    "schedules": SqlSchedules,
    "schedule_runs": SqlScheduleRuns,
    "calendar": SqlCalendarBreaks,
    "reminders": SqlSentReminders,
    "audit": SqlAuditLog,
    "rights": SqlDataRights,
    "reports": SqlReportReads,
    "cycle_records": SqlCycleRecords,
    "action_items": SqlActionItems,
    "meetings": SqlMeetings,
    "protocol_runs": SqlProtocolRuns,
    "portfolios": SqlPortfolios,
}


class SqlUnitOfWork:
    """`async with uow: ...; await uow.commit()`. Leaving the block without commit() rolls
    back. A database that cannot be reached is reported as StorageUnavailable, on entry (the
    connection is taken at once), from any repository method, and from commit()."""

    # Typed as the ports; _REPOSITORIES makes them (mypy checks each against its port below).
    communities: ports.Communities
    members: ports.Members
    teams: ports.Teams
    team_roles: ports.TeamRoles
    stage_changes: ports.StageChanges
    sessions: ports.Sessions
    checkins: ports.CheckIns
    deliveries: ports.Deliveries
    reflections: ports.Reflections
    pulse: ports.PulseAnswers
    posted: ports.PostedMessages
    withdrawals: ports.PendingWithdrawals
    team_prompts: TeamPrompts
    attendance: Attendances
    events: ports.ProcessedEvents
    schedules: ports.Schedules
    schedule_runs: ports.ScheduleRuns
    calendar: ports.CalendarBreaks
    reminders: ports.SentReminders
    audit: ports.AuditLog
    reports: ReportReads
    rights: ports.DataRights
    cycle_records: ports.CycleRecords
    action_items: ports.ActionItems
    meetings: Meetings
    protocol_runs: ports.ProtocolRuns
    portfolios: ports.Portfolios

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._transaction: Transaction | None = None

    async def __aenter__(self) -> Self:
        if self._transaction is not None:
            raise RuntimeError("this unit of work is already open")
        transaction = Transaction(self._engine)
        try:  # connect and BEGIN now, not at the first query
            await transaction.connect()
        except Exception as error:
            translate(error)  # as translated() would, without a context manager's calls
            raise
        self._transaction = transaction
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        transaction, self._transaction = self._transaction, None
        if transaction is None:
            return
        for name in [name for name in self.__dict__ if name in _REPOSITORIES]:
            del self.__dict__[name]
        try:
            await transaction.close()  # rolls back whatever was not committed
        except Exception as error:
            # Nothing uncommitted survives a lost connection either; do not hide the
            # block's own exception behind this one, nor fail a block that succeeded.
            if not is_unavailable(error):
                raise
            log.warning("rollback failed, the connection is gone: %s", describe(error))

    async def commit(self) -> None:
        transaction = self._open()
        try:
            await transaction.commit()
        except Exception as error:
            translate(error)
            raise
        if transaction.info.pop(ERASED, False):
            await _erase_from_log(self._engine)

    async def rollback(self) -> None:
        transaction = self._open()
        with translated():
            await transaction.close()

    def __getattr__(self, name: str) -> Any:
        """A repository, made the first time the unit of work uses it: a request uses three
        or four of the twenty-four."""
        make = _REPOSITORIES.get(name)
        if make is None:
            raise AttributeError(name)
        repository = make(self._open())
        self.__dict__[name] = repository
        return repository

    def _open(self) -> Transaction:
        if self._transaction is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._transaction


async def _erase_from_log(engine: AsyncEngine) -> None:
    """After a commit that erased data, no copy of it stays in SQLite's write-ahead log. The
    deletion is committed either way; a checkpoint that cannot run now is logged, and the next
    one (storage/sqlite_checkpoints.py's, or the next erasure's) copies the log over."""
    try:
        await checkpoint(engine)
    except Exception as error:
        log.warning("could not checkpoint the write-ahead log: %s", describe(error))


class SqlUnitOfWorkFactory:
    """The UnitOfWorkFactory the composition root hands to the core: call it for a fresh unit
    of work. One per engine; `await factory.dispose()` when the program stops."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    async def dispose(self) -> None:
        await self.engine.dispose()


if TYPE_CHECKING:

    def _each_repository_implements_its_port(uow: SqlUnitOfWork, s: Transaction) -> None:
        uow.communities = SqlCommunities(s)
        uow.members = SqlMembers(s)
        uow.teams = SqlTeams(s)
        uow.team_roles = SqlTeamRoles(s)
        uow.stage_changes = SqlStageChanges(s)
        uow.sessions = SqlSessions(s)
        uow.checkins = SqlCheckIns(s)
        uow.deliveries = SqlDeliveries(s)
        uow.reflections = SqlReflections(s)
        uow.pulse = SqlPulseAnswers(s)
        uow.posted = SqlPostedMessages(s)
        uow.withdrawals = SqlPendingWithdrawals(s)
        uow.team_prompts = SqlTeamPrompts(s)
        uow.attendance = SqlAttendances(s)
        uow.events = SqlProcessedEvents(s)
        uow.schedules = SqlSchedules(s)
        uow.schedule_runs = SqlScheduleRuns(s)
        uow.calendar = SqlCalendarBreaks(s)
        uow.reminders = SqlSentReminders(s)
        uow.audit = SqlAuditLog(s)
        uow.rights = SqlDataRights(s)
        uow.reports = SqlReportReads(s)
        uow.cycle_records = SqlCycleRecords(s)
        uow.action_items = SqlActionItems(s)
        uow.meetings = SqlMeetings(s)
        uow.protocol_runs = SqlProtocolRuns(s)
        uow.portfolios = SqlPortfolios(s)

    def _implements_the_port(factory: SqlUnitOfWorkFactory) -> ports.UnitOfWorkFactory:
        return factory
