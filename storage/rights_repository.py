"""Teachers' and districts' data rights: forgetting a person, purging a community, retention.

Hard deletes, each inside one SAVEPOINT: all of it happens or none of it, and the unit of
work stays usable either way. Each returns how many rows it removed, by table name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, select, update
from sqlalchemy.orm import InstrumentedAttribute

from bot.domain import Community, PostedKind
from storage.audit_table import AuditEntryRow
from storage.credential_tables import PortfolioCommentRow, PortfolioEvidenceRow, PortfolioRow
from storage.engine import ERASED
from storage.minutes_tables import AgendaItemRow, DecisionRow, MeetingRoleRow
from storage.protocol_tables import ProtocolNoteRow, ProtocolRunRow
from storage.record_tables import AttendanceRow
from storage.repository import SqlRepository
from storage.schedule_tables import CalendarBreakRow, ScheduleRow, SentReminderRow
from storage.tables import (
    Base,
    CheckInRow,
    CommunityRow,
    MemberRow,
    PostedMessageRow,
    PulseAnswerRow,
    ReflectionRow,
    SessionRow,
    StageChangeRow,
    TeamRoleRow,
    TeamRow,
    metadata,
)
from storage.team_repositories import community_from_row
from storage.work_tables import ActionItemRow, ActionReminderRow, CycleEntryRow

# The column naming the person each of their rows belongs to; the membership goes last.
# Other tables keep people's ids only as who did something to a team (created_by,
# opened_by, changed_by): those rows are the team's, not the person's.
_PERSON_COLUMNS: tuple[InstrumentedAttribute[Any], ...] = (
    ReflectionRow.user_id,  # what they wrote
    CheckInRow.user_id,
    AttendanceRow.user_id,  # the sessions they were at
    PulseAnswerRow.user_id,
    TeamRoleRow.user_id,
    SentReminderRow.user_id,  # reminders sent to them
    CycleEntryRow.user_id,  # their classroom commitments and evidence check-ins
    ActionReminderRow.user_id,  # reminders of their action items
    ActionItemRow.user_id,  # the action items they own
    MeetingRoleRow.user_id,  # the meeting roles they were given
    ProtocolNoteRow.user_id,  # the notes they took in protocol runs
    PostedMessageRow.user_id,  # messages DMed to them
    PortfolioCommentRow.user_id,  # their micro-credential portfolios, evidence, comments
    PortfolioEvidenceRow.user_id,
    PortfolioRow.user_id,
    MemberRow.user_id,
)

FORGOTTEN = "forgotten"

# Where a person's id stands only as who did something: kept, with the id replaced. The audit
# log keeps the record that someone read a team's reflections (a district must be able to
# answer for it), without saying who once that person has been forgotten.
_ATTRIBUTIONS: tuple[InstrumentedAttribute[Any], ...] = (
    AuditEntryRow.reader_id,
    AuditEntryRow.subject_id,  # the person an admin grant was about
    TeamRow.created_by,
    SessionRow.opened_by,
    AttendanceRow.marked_by,  # a facilitator who marked someone else present
    AttendanceRow.confirmed_by,
    StageChangeRow.changed_by,
    ScheduleRow.created_by,
    CalendarBreakRow.created_by,
    CycleEntryRow.written_by,  # a need, goal or design they wrote stays the team's
    ActionItemRow.created_by,  # an item they gave someone else stays that person's
    ActionItemRow.done_by,
    AgendaItemRow.created_by,  # an agenda item, a role given, a decision: the team's
    MeetingRoleRow.assigned_by,
    DecisionRow.written_by,
    ProtocolRunRow.started_by,  # a run they started stays the team's
    PortfolioRow.reviewer_id,  # a portfolio shared with them, and their comments on it
    PortfolioCommentRow.reviewer_id,
)

# Every table but communities, children before parents: no ON DELETE rule has anything left
# to do, so each table reports its own rows. Tables added later are included by themselves.
_MODELS = {mapper.local_table: mapper.class_ for mapper in Base.registry.mappers}
_COMMUNITY_TABLES = [t for t in reversed(metadata.sorted_tables) if t.name != "communities"]


class SqlDataRights(SqlRepository):
    async def forget_person(self, community_id: str, user_id: str) -> dict[str, int]:
        """Every row of this person in this community, and nothing of anyone else's."""
        removed: dict[str, int] = {}
        self._info[ERASED] = True
        async with self._guarded():
            # The records of their shared reflections' channel posts go with the reflections.
            theirs = select(ReflectionRow.id).where(
                ReflectionRow.community_id == community_id, ReflectionRow.user_id == user_id
            )
            posts = delete(PostedMessageRow).where(
                PostedMessageRow.community_id == community_id,
                PostedMessageRow.kind == PostedKind.REFLECTION.value,
                PostedMessageRow.subject_id.in_(theirs),
            )
            shared_posts = await self._delete(posts)
            for attribution in _ATTRIBUTIONS:
                model = cast(type[Base], attribution.class_)
                anonymise = (
                    update(model)
                    .where(model.__table__.c.community_id == community_id, attribution == user_id)
                    .values({attribution.key: FORGOTTEN})
                )
                removed["anonymised"] = removed.get("anonymised", 0) + await self._delete(anonymise)
            for person in _PERSON_COLUMNS:
                model = cast(type[Base], person.class_)
                statement = delete(model).where(
                    model.__table__.c.community_id == community_id, person == user_id
                )
                removed[model.__tablename__] = await self._delete(statement)
            removed[PostedMessageRow.__tablename__] += shared_posts
        return removed

    async def purge_community(self, community_id: str) -> dict[str, int]:
        """Every row of the community in every table (processed events included), the
        communities row last."""
        removed: dict[str, int] = {}
        self._info[ERASED] = True
        async with self._guarded():
            for table in _COMMUNITY_TABLES:
                statement = delete(_MODELS[table]).where(table.c.community_id == community_id)
                removed[table.name] = await self._delete(statement)
            community = delete(CommunityRow).where(CommunityRow.id == community_id)
            removed[CommunityRow.__tablename__] = await self._delete(community)
        return removed

    async def delete_reflections_before(self, community_id: str, before: datetime) -> int:
        """The community's reflections written before `before` (not at it), and the records
        of where they were posted: a record must never outlive what it points to."""
        old = (ReflectionRow.community_id == community_id, ReflectionRow.created_at < before)
        posts = delete(PostedMessageRow).where(
            PostedMessageRow.community_id == community_id,
            PostedMessageRow.kind == PostedKind.REFLECTION.value,
            PostedMessageRow.subject_id.in_(select(ReflectionRow.id).where(*old)),
        )
        async with self._guarded():
            await self._delete(posts)
            deleted = await self._delete(delete(ReflectionRow).where(*old))
        if deleted:
            self._info[ERASED] = True
        return deleted

    async def communities(self) -> Sequence[Community]:
        """Every community, removed ones included (the retention job's own query)."""
        query = select(CommunityRow).order_by(CommunityRow.id)
        return [community_from_row(row) for row in await self._all(query)]

    async def mark_removed(self, community_id: str, at: datetime | None) -> None:
        """When the bot was removed from the community (None: it is back); LookupError if
        there is no such community."""
        statement = (
            update(CommunityRow).where(CommunityRow.id == community_id).values(removed_at=at)
        )
        await self._update(statement, f"no community {community_id}")
