"""A session's agenda, meeting roles, decisions and kept minutes (bot.minutes_ports)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, Update, bindparam, delete, select, update

from bot.minutes import AgendaItem, Decision, KeptMinutes, MeetingRole, RoleAssignment
from storage.direct import once
from storage.minutes_tables import AgendaItemRow, DecisionRow, MeetingRoleRow, SessionMinutesRow
from storage.repository import SqlRepository
from storage.statements import inserting, prepared, whole

_Planned = type[AgendaItemRow] | type[MeetingRoleRow]


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
    model: _Planned,
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


def _of_next(model: _Planned, *, next_session: bool) -> list[ColumnElement[bool]]:
    """_of(), its values as bindparam()s (`community_id`, `team_id`, `session_id`)."""
    return [
        model.community_id == bindparam("community_id"),
        model.team_id == bindparam("team_id"),
        model.session_id.is_(None) if next_session else model.session_id == bindparam("session_id"),
    ]


def _planned(model: _Planned) -> dict[bool, Select[Any]]:
    """A team's rows of a session or (True) of its next one, in the order added."""
    return {
        next_session: prepared(
            select(model).where(*_of_next(model, next_session=next_session)).order_by(model.id)
        )
        for next_session in (False, True)
    }


def _of_team(model: type[AgendaItemRow] | type[MeetingRoleRow] | type[DecisionRow]) -> Select[Any]:
    return whole(  # the team's whole history
        select(model)
        .where(
            model.community_id == bindparam("community_id"), model.team_id == bindparam("team_id")
        )
        .order_by(model.id)
    )


def _attaching(model: _Planned) -> Update:
    """Give the rows of a team's next session to its session (`session_id`, set by its key)."""
    table = cast(Table, model.__table__)
    return once(
        update(table).where(
            table.c.community_id == bindparam("where_community_id"),
            table.c.team_id == bindparam("where_team_id"),
            table.c.session_id.is_(None),
        )
    )


# A meeting's reads and writes, built once: each plan and close of a session runs several.
_AGENDA, _ROLES = _planned(AgendaItemRow), _planned(MeetingRoleRow)
_ATTACH = (_attaching(AgendaItemRow), _attaching(MeetingRoleRow))
_TEAM_ITEMS, _TEAM_ROLES = _of_team(AgendaItemRow), _of_team(MeetingRoleRow)
_TEAM_DECISIONS = _of_team(DecisionRow)
_DECISIONS = prepared(
    select(DecisionRow)
    .where(
        DecisionRow.community_id == bindparam("community_id"),
        DecisionRow.session_id == bindparam("session_id"),
    )
    .order_by(DecisionRow.id)
)
_KEPT = whole(
    select(SessionMinutesRow)
    .where(
        SessionMinutesRow.community_id == bindparam("community_id"),
        SessionMinutesRow.team_id == bindparam("team_id"),
    )
    .order_by(SessionMinutesRow.created_at.desc(), SessionMinutesRow.id.desc())
)
_INSERT_ITEM, _INSERT_ROLE = inserting(AgendaItemRow), inserting(MeetingRoleRow)
_INSERT_DECISION, _INSERT_KEPT = inserting(DecisionRow), inserting(SessionMinutesRow)


class SqlMeetings(SqlRepository):
    async def add_item(self, item: AgendaItem) -> AgendaItem:
        values = {
            "community_id": item.community_id,
            "team_id": item.team_id,
            "session_id": item.session_id,
            "minutes": item.minutes,
            "text": item.text,
            "created_by": item.created_by,
            "created_at": item.created_at,
        }
        return replace(item, id=await self._insert_row(_INSERT_ITEM, values))

    async def _plan_rows(
        self,
        queries: dict[bool, Select[Any]],
        community_id: str,
        team_id: int,
        session_id: int | None,
    ) -> Sequence[Any]:
        if session_id is None:
            return await self._all_of(queries[True], community_id=community_id, team_id=team_id)
        return await self._all_of(
            queries[False], community_id=community_id, team_id=team_id, session_id=session_id
        )

    async def agenda(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[AgendaItem]:
        rows = await self._plan_rows(_AGENDA, community_id, team_id, session_id)
        return [_item(r) for r in rows]

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
        values = {
            "community_id": a.community_id,
            "team_id": a.team_id,
            "session_id": a.session_id,
            "role": a.role.value,
            "user_id": a.user_id,
            "assigned_by": a.assigned_by,
            "assigned_at": a.assigned_at,
        }
        await self._insert_row(_INSERT_ROLE, values)

    async def clear_role(
        self, community_id: str, team_id: int, session_id: int | None, role: MeetingRole
    ) -> None:
        where = _of(MeetingRoleRow, community_id, team_id, session_id)
        await self._delete(delete(MeetingRoleRow).where(*where, MeetingRoleRow.role == role.value))

    async def roles(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[RoleAssignment]:
        rows = await self._plan_rows(_ROLES, community_id, team_id, session_id)
        return [_role(r) for r in rows]

    async def attach(self, community_id: str, team_id: int, session_id: int) -> None:
        params = {
            "session_id": session_id,
            "where_community_id": community_id,
            "where_team_id": team_id,
        }
        for statement in _ATTACH:
            async with self._guarded(one_statement=True):
                await self._run(statement, params, ("session_id",))

    async def add_decision(self, decision: Decision) -> Decision:
        values = {
            "community_id": decision.community_id,
            "team_id": decision.team_id,
            "session_id": decision.session_id,
            "text": decision.text,
            "written_by": decision.written_by,
            "created_at": decision.created_at,
        }
        return replace(decision, id=await self._insert_row(_INSERT_DECISION, values))

    async def decisions(self, community_id: str, session_id: int) -> Sequence[Decision]:
        rows = await self._all_of(_DECISIONS, community_id=community_id, session_id=session_id)
        return [_decision(r) for r in rows]

    async def of_team(
        self, community_id: str, team_id: int
    ) -> tuple[Sequence[AgendaItem], Sequence[RoleAssignment], Sequence[Decision]]:
        team = {"community_id": community_id, "team_id": team_id}
        items = await self._all_of(_TEAM_ITEMS, **team)
        roles = await self._all_of(_TEAM_ROLES, **team)
        decided = await self._all_of(_TEAM_DECISIONS, **team)
        return [_item(x) for x in items], [_role(x) for x in roles], [_decision(x) for x in decided]

    async def keep(self, minutes: KeptMinutes) -> KeptMinutes:
        values = {
            "community_id": minutes.community_id,
            "team_id": minutes.team_id,
            "session_id": minutes.session_id,
            "cycle": minutes.cycle,
            "goal": list(minutes.goal),
            "created_at": minutes.created_at,
        }
        return replace(minutes, id=await self._insert_row(_INSERT_KEPT, values))

    async def kept(self, community_id: str, team_id: int) -> Sequence[KeptMinutes]:
        rows = await self._all_of(_KEPT, community_id=community_id, team_id=team_id)
        return [_kept(r) for r in rows]
