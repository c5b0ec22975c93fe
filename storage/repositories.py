"""One class per repository port of bot/ports.py, mapping rows to domain objects and back.

Every query filters by community_id. Writes flush at once, so their errors surface where
they are made: Conflict for a uniqueness rule, LookupError for a parent that is not in the
community, ValueError for a refused value (a naive datetime), StorageUnavailable for a lost
database.
"""

from storage.attendance_repository import SqlAttendances
from storage.audit_repository import SqlAuditLog
from storage.calendar_repositories import SqlCalendarBreaks, SqlSentReminders
from storage.event_repository import SqlProcessedEvents
from storage.posted_repository import SqlPostedMessages
from storage.reflection_repositories import SqlDeliveries, SqlReflections
from storage.rights_repository import SqlDataRights
from storage.run_repositories import SqlScheduleRuns
from storage.schedule_repositories import SqlSchedules
from storage.session_repositories import SqlCheckIns, SqlPulseAnswers, SqlSessions
from storage.stage_repository import SqlStageChanges
from storage.team_prompt_repository import SqlTeamPrompts
from storage.team_repositories import (
    SqlCommunities,
    SqlMembers,
    SqlTeamRoles,
    SqlTeams,
)
from storage.withdrawal_repository import SqlPendingWithdrawals

__all__ = [
    "SqlAttendances",
    "SqlAuditLog",
    "SqlCalendarBreaks",
    "SqlCheckIns",
    "SqlCommunities",
    "SqlDataRights",
    "SqlDeliveries",
    "SqlMembers",
    "SqlPendingWithdrawals",
    "SqlPostedMessages",
    "SqlProcessedEvents",
    "SqlPulseAnswers",
    "SqlReflections",
    "SqlScheduleRuns",
    "SqlSchedules",
    "SqlSentReminders",
    "SqlSessions",
    "SqlStageChanges",
    "SqlTeamPrompts",
    "SqlTeamRoles",
    "SqlTeams",
]
