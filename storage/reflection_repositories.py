"""Prompts sent to a team and the reflections that answer them (the messages the bot posted:
storage.posted_repository)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import cast

from sqlalchemy import bindparam, select, update

from bot.domain import (
    CycleStage,
    PromptDelivery,
    Reflection,
    Visibility,
)
from storage.prefetch import MISSING, forget, take
from storage.repository import SqlRepository
from storage.statements import inserting, prepared, updating, whole
from storage.tables import PromptDeliveryRow, ReflectionRow

_DELIVERY = prepared(
    select(PromptDeliveryRow).where(
        PromptDeliveryRow.community_id == bindparam("community_id"),
        PromptDeliveryRow.id == bindparam("delivery_id"),
    )
)
_LATEST_DELIVERY = prepared(
    select(PromptDeliveryRow)
    .where(
        PromptDeliveryRow.community_id == bindparam("community_id"),
        PromptDeliveryRow.team_id == bindparam("team_id"),
        PromptDeliveryRow.posted.is_(True),
    )
    .order_by(PromptDeliveryRow.sent_at.desc(), PromptDeliveryRow.id.desc())
    .limit(1)
)
_REFLECTION_FOR = prepared(
    select(ReflectionRow)
    .where(
        ReflectionRow.community_id == bindparam("community_id"),
        ReflectionRow.delivery_id == bindparam("delivery_id"),
        ReflectionRow.user_id == bindparam("user_id"),
    )
    .order_by(ReflectionRow.id.desc())
    .limit(1)
)
_TEAM_DELIVERIES = select(PromptDeliveryRow).where(
    PromptDeliveryRow.community_id == bindparam("community_id"),
    PromptDeliveryRow.team_id == bindparam("team_id"),
)
_SENT_ORDER = (PromptDeliveryRow.sent_at, PromptDeliveryRow.id)
# A team's prompts sent: all of them, or (True) those sent since `since`.
_DELIVERIES = {
    False: whole(_TEAM_DELIVERIES.order_by(*_SENT_ORDER)),
    True: prepared(
        _TEAM_DELIVERIES.where(PromptDeliveryRow.sent_at >= bindparam("since")).order_by(
            *_SENT_ORDER
        )
    ),
}
_INSERT_DELIVERY = inserting(PromptDeliveryRow)
_INSERT_REFLECTION = inserting(ReflectionRow)
_SAVE_REFLECTION = updating(ReflectionRow)
_REFLECTION = prepared(
    select(ReflectionRow).where(
        ReflectionRow.community_id == bindparam("community_id"),
        ReflectionRow.id == bindparam("reflection_id"),
    )
)
_TEAM_REFLECTIONS = select(ReflectionRow).where(
    ReflectionRow.community_id == bindparam("community_id"),
    ReflectionRow.team_id == bindparam("team_id"),
)
_ORDER = (ReflectionRow.created_at, ReflectionRow.id)
# A team's reflections: all of them, or (True) those written since `since`.
_REFLECTIONS = {
    False: whole(_TEAM_REFLECTIONS.order_by(*_ORDER)),
    True: prepared(
        _TEAM_REFLECTIONS.where(ReflectionRow.created_at >= bindparam("since")).order_by(*_ORDER)
    ),
}


def latest_prompt_key(community_id: str, team_id: int) -> tuple[str, str, int]:
    """Where a team's latest prompt read with a request's context is kept (storage/prefetch.py)."""
    return ("latest prompt", community_id, team_id)


def _delivery(row: PromptDeliveryRow) -> PromptDelivery:
    return PromptDelivery(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        prompt_id=row.prompt_id,
        stage=CycleStage(row.stage),
        sent_at=row.sent_at,
        session_id=row.session_id,
        kind=row.kind,
        posted=row.posted,
    )


delivery_of = _delivery


class SqlDeliveries(SqlRepository):
    async def add(self, delivery: PromptDelivery) -> PromptDelivery:
        forget(self._info)
        values = {
            "community_id": delivery.community_id,
            "team_id": delivery.team_id,
            "prompt_id": delivery.prompt_id,
            "stage": delivery.stage.value,
            "sent_at": delivery.sent_at,
            "session_id": delivery.session_id,
            "kind": delivery.kind,
            "posted": delivery.posted,
        }
        return replace(delivery, id=await self._insert_row(_INSERT_DELIVERY, values))

    async def mark_posted(self, community_id: str, delivery_id: int) -> None:
        forget(self._info)
        statement = (
            update(PromptDeliveryRow)
            .where(
                PromptDeliveryRow.community_id == community_id,
                PromptDeliveryRow.id == delivery_id,
            )
            .values(posted=True)
        )
        await self._session.execute(statement)

    async def get(self, community_id: str, delivery_id: int) -> PromptDelivery | None:
        row = await self._one_of(_DELIVERY, community_id=community_id, delivery_id=delivery_id)
        return _delivery(row) if row else None

    async def latest(self, community_id: str, team_id: int) -> PromptDelivery | None:
        kept = take(self._info, latest_prompt_key(community_id, team_id))
        if kept is not MISSING:
            return cast(PromptDelivery | None, kept)
        row = await self._one_of(_LATEST_DELIVERY, community_id=community_id, team_id=team_id)
        return _delivery(row) if row else None

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[PromptDelivery]:
        query = _DELIVERIES[since is not None]
        rows = await self._all_of(query, community_id=community_id, team_id=team_id, since=since)
        return [_delivery(row) for row in rows]


def _reflection(row: ReflectionRow) -> Reflection:
    return Reflection(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        user_id=row.user_id,
        text=row.text,
        visibility=Visibility(row.visibility),
        created_at=row.created_at,
        delivery_id=row.delivery_id,
        edited_at=row.edited_at,
    )


def _reflection_values(reflection: Reflection) -> dict[str, object]:
    return {
        "community_id": reflection.community_id,
        "team_id": reflection.team_id,
        "user_id": reflection.user_id,
        "text": reflection.text,
        "visibility": reflection.visibility.value,
        "created_at": reflection.created_at,
        "delivery_id": reflection.delivery_id,
        "edited_at": reflection.edited_at,
    }


class SqlReflections(SqlRepository):
    async def add(self, reflection: Reflection) -> Reflection:
        values = _reflection_values(reflection)
        return replace(reflection, id=await self._insert_row(_INSERT_REFLECTION, values))

    async def save(self, reflection: Reflection) -> None:
        params = {
            **_reflection_values(reflection),
            "where_community_id": reflection.community_id,
            "where_id": reflection.id,
        }
        missing = f"no reflection {reflection.id} in {reflection.community_id}"
        await self._update(_SAVE_REFLECTION, missing, params)

    async def get(self, community_id: str, reflection_id: int) -> Reflection | None:
        row = await self._one_of(
            _REFLECTION, community_id=community_id, reflection_id=reflection_id
        )
        return _reflection(row) if row else None

    async def find(self, community_id: str, delivery_id: int, user_id: str) -> Reflection | None:
        """The person's answer to that prompt: one at most since 0003 (a unique index)."""
        row = await self._one_of(
            _REFLECTION_FOR, community_id=community_id, delivery_id=delivery_id, user_id=user_id
        )
        return _reflection(row) if row else None

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Reflection]:
        query = _REFLECTIONS[since is not None]
        rows = await self._all_of(query, community_id=community_id, team_id=team_id, since=since)
        return [_reflection(row) for row in rows]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[Reflection]:
        query = (
            select(ReflectionRow)
            .where(ReflectionRow.community_id == community_id, ReflectionRow.user_id == user_id)
            .order_by(ReflectionRow.created_at, ReflectionRow.id)
        )
        return [_reflection(row) for row in await self._all_of(query)]
