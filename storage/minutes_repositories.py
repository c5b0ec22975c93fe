"""A session's agenda, meeting roles, decisions and kept minutes (bot.minutes_ports)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, delete, select, update

from bot.minutes import AgendaItem, Decision, KeptMinutes, MeetingRole, RoleAssignment
from storage.minutes_tables import AgendaItemRow, DecisionRow, MeetingRoleRow, SessionMinutesRow
from storage.repository import SqlRepository


def _item(row: AgendaItemRow) -> AgendaItem:
    return AgendaItem(
        row.id,
        row.community_id,
        row.team_id,
        row.session_id,
        row.minutes,
        row.text,
        row.created_by,
        row.created_at,
    )


def _role(row: MeetingRoleRow) -> RoleAssignment:
    return RoleAssignment(
        row.community_id,
        row.team_id,
        row.session_id,
        MeetingRole(row.role),
        row.user_id,
        row.assigned_by,
        row.assigned_at,
    )


def _decision(row: DecisionRow) -> Decision:
    return Decision(
        row.id,
        row.community_id,
        row.team_id,
        row.session_id,
        row.text,
        row.written_by,
        row.created_at,
    )


def _kept(row: SessionMinutesRow) -> KeptMinutes:
    return KeptMinutes(
        row.id,
        row.community_id,
        row.team_id,
        row.session_id,
        row.cycle,
        tuple(row.goal),
        row.created_at,
    )


def _of(
    model: type[AgendaItemRow] | type[MeetingRoleRow],
    community_id: str,
    team_id: int,
    session_id: int | None,
) -> list[ColumnElement[bool]]:
    """A team's rows of that session, or of its next session (session_id IS NULL)."""
    return [
        model.community_id == community_id,
        model.team_id == team_id,
        model.session_id.is_(None) if session_id is None else model.session_id == session_id,
    ]


class SqlMeetings(SqlRepository):
    async def add_item(self, item: AgendaItem) -> AgendaItem:
        row = AgendaItemRow(
            community_id=item.community_id,
            team_id=item.team_id,
            session_id=item.session_id,
            minutes=item.minutes,
            text=item.text,
            created_by=item.created_by,
            created_at=item.created_at,
        )
        return _item(await self._insert(row))

    async def agenda(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[AgendaItem]:
        query = (
            select(AgendaItemRow)
            .where(*_of(AgendaItemRow, community_id, team_id, session_id))
            .order_by(AgendaItemRow.id)
        )
        return [_item(r) for r in await self._all(query)]

    async def remove_item(self, community_id: str, item_id: int) -> None:
        await self._delete(
            delete(AgendaItemRow).where(
                AgendaItemRow.community_id == community_id, AgendaItemRow.id == item_id
            )
        )

    async def clear_agenda(self, community_id: str, team_id: int, session_id: int | None) -> int:
        where = _of(AgendaItemRow, community_id, team_id, session_id)
        return await self._delete(delete(AgendaItemRow).where(*where))

    async def set_role(self, assignment: RoleAssignment) -> None:
        a = assignment
        await self.clear_role(a.community_id, a.team_id, a.session_id, a.role)
        row = MeetingRoleRow(
            community_id=a.community_id,
            team_id=a.team_id,
            session_id=a.session_id,
            role=a.role.value,
            user_id=a.user_id,
            assigned_by=a.assigned_by,
            assigned_at=a.assigned_at,
        )
        await self._insert(row)

    async def clear_role(
        self, community_id: str, team_id: int, session_id: int | None, role: MeetingRole
    ) -> None:
        where = _of(MeetingRoleRow, community_id, team_id, session_id)
        await self._delete(delete(MeetingRoleRow).where(*where, MeetingRoleRow.role == role.value))

    async def roles(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[RoleAssignment]:
        query = (
            select(MeetingRoleRow)
            .where(*_of(MeetingRoleRow, community_id, team_id, session_id))
            .order_by(MeetingRoleRow.id)
        )
        return [_role(r) for r in await self._all(query)]

    async def attach(self, community_id: str, team_id: int, session_id: int) -> None:
        for model in (AgendaItemRow, MeetingRoleRow):
            where = _of(model, community_id, team_id, None)
            statement = (
                update(model).where(*where).values(session_id=session_id)
            ).execution_options(synchronize_session=False)
            async with self._guarded():
                await self._delete(statement)

    async def add_decision(self, decision: Decision) -> Decision:
        row = DecisionRow(
            community_id=decision.community_id,
            team_id=decision.team_id,
            session_id=decision.session_id,
            text=decision.text,
            written_by=decision.written_by,
            created_at=decision.created_at,
        )
        return _decision(await self._insert(row))

    async def decisions(self, community_id: str, session_id: int) -> Sequence[Decision]:
        query = (
            select(DecisionRow)
            .where(DecisionRow.community_id == community_id, DecisionRow.session_id == session_id)
            .order_by(DecisionRow.id)
        )
        return [_decision(r) for r in await self._all(query)]

    async def of_team(
        self, community_id: str, team_id: int
    ) -> tuple[Sequence[AgendaItem], Sequence[RoleAssignment], Sequence[Decision]]:
        a, r, d = AgendaItemRow, MeetingRoleRow, DecisionRow
        items = await self._all(
            select(a).where(a.community_id == community_id, a.team_id == team_id).order_by(a.id)
        )
        roles = await self._all(
            select(r).where(r.community_id == community_id, r.team_id == team_id).order_by(r.id)
        )
        decided = await self._all(
            select(d).where(d.community_id == community_id, d.team_id == team_id).order_by(d.id)
        )
        return [_item(x) for x in items], [_role(x) for x in roles], [_decision(x) for x in decided]

    async def keep(self, minutes: KeptMinutes) -> KeptMinutes:
        row = SessionMinutesRow(
            community_id=minutes.community_id,
            team_id=minutes.team_id,
            session_id=minutes.session_id,
            cycle=minutes.cycle,
            goal=list(minutes.goal),
            created_at=minutes.created_at,
        )
        return _kept(await self._insert(row))

    async def kept(self, community_id: str, team_id: int) -> Sequence[KeptMinutes]:
        query = (
            select(SessionMinutesRow)
            .where(
                SessionMinutesRow.community_id == community_id,
                SessionMinutesRow.team_id == team_id,
            )
            .order_by(SessionMinutesRow.created_at.desc(), SessionMinutesRow.id.desc())
        )
        return [_kept(r) for r in await self._all(query)]
