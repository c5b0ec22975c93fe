"""The unit of work: one AsyncSession, one transaction, the repositories over it."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import ports
from bot.minutes_ports import Meetings
from bot.ports_attendance import Attendances
from bot.ports_prompts import TeamPrompts
from bot.reports import ReportReads
from storage.credential_repositories import SqlPortfolios
from storage.engine import ERASED, checkpoint, make_sessionmaker
from storage.errors import describe, is_unavailable, translated
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
from storage.work_repositories import SqlActionItems, SqlCycleRecords

log = logging.getLogger(__name__)


class SqlUnitOfWork:
    """`async with uow: ...; await uow.commit()`. Leaving the block without commit() rolls
    back. A database that cannot be reached is reported as StorageUnavailable, on entry (the
    connection is taken at once), from any repository method, and from commit()."""

    # Typed as the ports, so mypy checks that each repository implements its port.
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

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        session = self._sessionmaker()
        try:
            with translated():
                await session.connection()  # connect and BEGIN now, not at the first query
        except BaseException:
            await _close_quietly(session)
            raise
        self._session = session
        self.communities = SqlCommunities(session)
        self.members = SqlMembers(session)
        self.teams = SqlTeams(session)
        self.team_roles = SqlTeamRoles(session)
        self.stage_changes = SqlStageChanges(session)
        self.sessions = SqlSessions(session)
        self.checkins = SqlCheckIns(session)
        self.deliveries = SqlDeliveries(session)
        self.reflections = SqlReflections(session)
        self.pulse = SqlPulseAnswers(session)
        self.posted = SqlPostedMessages(session)
        self.withdrawals = SqlPendingWithdrawals(session)
        self.team_prompts = SqlTeamPrompts(session)
        self.attendance = SqlAttendances(session)
        self.events = SqlProcessedEvents(session)
        self.schedules = SqlSchedules(session)
        self.schedule_runs = SqlScheduleRuns(session)
        self.calendar = SqlCalendarBreaks(session)
        self.reminders = SqlSentReminders(session)
        self.audit = SqlAuditLog(session)
        self.rights = SqlDataRights(session)
        self.reports = SqlReportReads(session)
        self.cycle_records = SqlCycleRecords(session)
        self.action_items = SqlActionItems(session)
        self.meetings = SqlMeetings(session)
        self.protocol_runs = SqlProtocolRuns(session)
        self.portfolios = SqlPortfolios(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            await session.rollback()  # whatever was not committed
        except Exception as error:
            # Nothing uncommitted survives a lost connection either; do not hide the
            # block's own exception behind this one, nor fail a block that succeeded.
            if not is_unavailable(error):
                raise
            log.warning("rollback failed, the connection is gone: %s", describe(error))
        finally:
            await _close_quietly(session)

    async def commit(self) -> None:
        session = self._open()
        with translated():
            await session.commit()
        if session.info.pop(ERASED, False):
            await _erase_from_log(session)

    async def rollback(self) -> None:
        with translated():
            await self._open().rollback()

    def _open(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._session


async def _erase_from_log(session: AsyncSession) -> None:
    """After a commit that erased data, no copy of it stays in SQLite's write-ahead log. The
    deletion is committed either way; a checkpoint that cannot run now is logged, and the next
    one (SQLite's own, or the next erasure's) copies the log over."""
    engine = session.bind
    if not isinstance(engine, AsyncEngine):
        return
    try:
        await checkpoint(engine)
    except Exception as error:
        log.warning("could not checkpoint the write-ahead log: %s", describe(error))


async def _close_quietly(session: AsyncSession) -> None:
    try:
        await session.close()
    except Exception as error:
        if not is_unavailable(error):
            raise
        log.warning("closing the session failed, the connection is gone: %s", describe(error))


class SqlUnitOfWorkFactory:
    """The UnitOfWorkFactory the composition root hands to the core: call it for a fresh unit
    of work. One per engine; `await factory.dispose()` when the program stops."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessionmaker = make_sessionmaker(engine)

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessionmaker)

    async def dispose(self) -> None:
        await self.engine.dispose()


if TYPE_CHECKING:

    def _implements_the_port(factory: SqlUnitOfWorkFactory) -> ports.UnitOfWorkFactory:
        return factory
