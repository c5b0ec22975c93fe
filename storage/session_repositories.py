"""Facilitated sessions, the check-ins at their start and the pulse at their close."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import cast

from sqlalchemy import Table, and_, bindparam, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.domain import CheckIn, CycleStage, PulseAnswer, Session
from bot.rules.score import Score, score
from storage.prefetch import MISSING, forget, take
from storage.repository import SqlRepository
from storage.statements import inserting, prepared, updating
from storage.tables import CheckInRow, PulseAnswerRow, SessionRow

_OPEN_SESSION = prepared(
    select(SessionRow).where(
        SessionRow.community_id == bindparam("community_id"),
        SessionRow.team_id == bindparam("team_id"),
        SessionRow.closed_at.is_(None),
    )
)
_THE_SESSION = (
    SessionRow.community_id == bindparam("community_id"),
    SessionRow.id == bindparam("session_id"),
)
_SESSION = prepared(select(SessionRow).where(*_THE_SESSION))
_HOLD_SESSION = prepared(select(SessionRow.id).where(*_THE_SESSION).with_for_update(key_share=True))
_CHECKIN = prepared(
    select(CheckInRow).where(
        CheckInRow.community_id == bindparam("community_id"),
        CheckInRow.session_id == bindparam("session_id"),
        CheckInRow.user_id == bindparam("user_id"),
    )
)
_INSERT_CHECKIN = inserting(CheckInRow)
_INSERT_SESSION = inserting(SessionRow)
_SAVE_SESSION = updating(SessionRow)
_SAVE_CHECKIN = updating(CheckInRow)
_SESSION_CHECKINS = prepared(
    select(CheckInRow)
    .where(
        CheckInRow.community_id == bindparam("community_id"),
        CheckInRow.session_id == bindparam("session_id"),
    )
    .order_by(CheckInRow.at, CheckInRow.id)
)
_SESSION_ANSWERS = prepared(
    select(PulseAnswerRow)
    .where(
        PulseAnswerRow.community_id == bindparam("community_id"),
        PulseAnswerRow.session_id == bindparam("session_id"),
    )
    .order_by(PulseAnswerRow.user_id)
)


def open_session_key(community_id: str, team_id: int) -> tuple[str, str, int]:
    """Where a team's open session read with a request's context is kept (storage/prefetch.py)."""
    return ("open session", community_id, team_id)


def _session(row: SessionRow) -> Session:
    return Session(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        topic=row.topic,
        stage=CycleStage(row.stage),
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        closed_at=row.closed_at,
    )


def _session_values(session: Session) -> dict[str, object]:
    return {
        "community_id": session.community_id,
        "team_id": session.team_id,
        "topic": session.topic,
        "stage": session.stage.value,
        "opened_by": session.opened_by,
        "opened_at": session.opened_at,
        "closed_at": session.closed_at,
    }


session_of = _session


class SqlSessions(SqlRepository):
    async def open_for(self, community_id: str, team_id: int) -> Session | None:
        kept = take(self._info, open_session_key(community_id, team_id))
        if kept is not MISSING:
            return cast(Session | None, kept)
        row = await self._one_of(_OPEN_SESSION, community_id=community_id, team_id=team_id)
        return _session(row) if row else None

    async def get(self, community_id: str, session_id: int) -> Session | None:
        row = await self._one_of(_SESSION, community_id=community_id, session_id=session_id)
        return _session(row) if row else None

    async def add(self, session: Session) -> Session:
        """Stores a new session; Conflict if the team already has an open one (the partial
        unique index decides, so two requests racing cannot both win)."""
        forget(self._info)
        new_id = await self._insert_row(_INSERT_SESSION, _session_values(session))
        return replace(session, id=new_id)

    async def save(self, session: Session) -> None:
        forget(self._info)
        params = {
            **_session_values(session),
            "where_community_id": session.community_id,
            "where_id": session.id,
        }
        missing = f"no session {session.id} in {session.community_id}"
        await self._update(_SAVE_SESSION, missing, params)

    async def hold(self, community_id: str, session_id: int) -> None:
        # NO KEY UPDATE: a check-in's foreign key holds KEY SHARE (FOR UPDATE deadlocked)
        where = {"community_id": community_id, "session_id": session_id}
        if not self._sqlite:  # SQLite: BEGIN IMMEDIATE made this the only writer already
            await self._one_row(_HOLD_SESSION, where)

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Session]:
        query = select(SessionRow).where(
            SessionRow.community_id == community_id, SessionRow.team_id == team_id
        )
        if since is not None:
            query = query.where(SessionRow.opened_at >= since)
        query = query.order_by(SessionRow.opened_at, SessionRow.id)
        return [_session(row) for row in await self._all_of(query)]


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(
        id=row.id,
        community_id=row.community_id,
        team_id=row.team_id,
        session_id=row.session_id,
        user_id=row.user_id,
        score=score(row.score),
        word=row.word,
        at=row.at,
    )


def _checkin_values(checkin: CheckIn) -> dict[str, object]:
    return {
        "community_id": checkin.community_id,
        "team_id": checkin.team_id,
        "session_id": checkin.session_id,
        "user_id": checkin.user_id,
        "score": checkin.score,
        "word": checkin.word,
        "at": checkin.at,
    }


class SqlCheckIns(SqlRepository):
    async def find(self, community_id: str, session_id: int, user_id: str) -> CheckIn | None:
        row = await self._one_of(
            _CHECKIN, community_id=community_id, session_id=session_id, user_id=user_id
        )
        return _checkin(row) if row else None

    async def add(self, checkin: CheckIn) -> CheckIn:
        """Stores a new check-in; Conflict if the person checked in to that session already."""
        new_id = await self._insert_row(_INSERT_CHECKIN, _checkin_values(checkin))
        return replace(checkin, id=new_id)

    async def save(self, checkin: CheckIn) -> None:
        params = {
            **_checkin_values(checkin),
            "where_community_id": checkin.community_id,
            "where_id": checkin.id,
        }
        missing = f"no check-in {checkin.id} in {checkin.community_id}"
        await self._update(_SAVE_CHECKIN, missing, params)

    async def for_session(self, community_id: str, session_id: int) -> Sequence[CheckIn]:
        rows = await self._all_of(
            _SESSION_CHECKINS, community_id=community_id, session_id=session_id
        )
        return [_checkin(row) for row in rows]

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[CheckIn]:
        query = select(CheckInRow).where(
            CheckInRow.community_id == community_id, CheckInRow.team_id == team_id
        )
        if since is not None:
            query = query.where(CheckInRow.at >= since)
        query = query.order_by(CheckInRow.at, CheckInRow.id)
        return [_checkin(row) for row in await self._all_of(query)]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[CheckIn]:
        """The person's check-ins in every team of the community, oldest first."""
        query = (
            select(CheckInRow)
            .where(CheckInRow.community_id == community_id, CheckInRow.user_id == user_id)
            .order_by(CheckInRow.at, CheckInRow.id)
        )
        return [_checkin(row) for row in await self._all_of(query)]


def _answer(row: PulseAnswerRow) -> PulseAnswer:
    relevant = None if row.relevant is None else score(row.relevant)
    return PulseAnswer(row.community_id, row.session_id, row.user_id, relevant, row.recommend)


class SqlPulseAnswers(SqlRepository):
    async def get(self, community_id: str, session_id: int, user_id: str) -> PulseAnswer | None:
        query = select(PulseAnswerRow).where(
            PulseAnswerRow.community_id == community_id,
            PulseAnswerRow.session_id == session_id,
            PulseAnswerRow.user_id == user_id,
        )
        row = await self._one(query)
        return _answer(row) if row else None

    async def save(self, answer: PulseAnswer) -> None:
        values = {
            "session_id": answer.session_id,
            "user_id": answer.user_id,
            "community_id": answer.community_id,
            "relevant": answer.relevant,
            "recommend": answer.recommend,
        }
        await self._upsert(PulseAnswerRow, (answer.session_id, answer.user_id), values)

    async def answer(
        self,
        community_id: str,
        session_id: int,
        user_id: str,
        *,
        relevant: Score | None = None,
        recommend: bool | None = None,
    ) -> PulseAnswer:
        """INSERT ... ON CONFLICT DO UPDATE of the given column only, RETURNING the row: a read
        then a write of the whole row let two quick clicks by one person (one per question)
        overwrite each other's answer on PostgreSQL."""
        given = {
            name: value
            for name, value in (("relevant", relevant), ("recommend", recommend))
            if value is not None
        }
        if not given:
            raise ValueError("answer(): give relevant or recommend")
        table = cast(Table, PulseAnswerRow.__table__)
        insert = postgresql_insert(table) if not self._sqlite else sqlite_insert(table)
        upsert = insert.values(
            session_id=session_id, user_id=user_id, community_id=community_id, **given
        )
        statement = upsert.on_conflict_do_update(
            index_elements=[table.c.session_id, table.c.user_id],
            set_={name: upsert.excluded[name] for name in given},
        ).returning(table.c.relevant, table.c.recommend)
        try:
            async with self._guarded(one_statement=True):
                row = (await self._session.execute(statement)).one()
        except LookupError:
            raise LookupError(f"no session {session_id} in {community_id}") from None
        relevant = None if row.relevant is None else score(row.relevant)
        return PulseAnswer(community_id, session_id, user_id, relevant, row.recommend)

    async def for_session(self, community_id: str, session_id: int) -> Sequence[PulseAnswer]:
        rows = await self._all_of(
            _SESSION_ANSWERS, community_id=community_id, session_id=session_id
        )
        return [_answer(row) for row in rows]

    async def for_team(self, community_id: str, team_id: int) -> Sequence[PulseAnswer]:
        p, s = PulseAnswerRow, SessionRow
        query = (
            select(p)
            .join(s, and_(s.community_id == p.community_id, s.id == p.session_id))
            .where(p.community_id == community_id, s.team_id == team_id)
            .order_by(p.session_id, p.user_id)
        )
        return [_answer(row) for row in await self._all_of(query)]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[PulseAnswer]:
        """The person's answers in every session of the community, by session."""
        query = (
            select(PulseAnswerRow)
            .where(PulseAnswerRow.community_id == community_id, PulseAnswerRow.user_id == user_id)
            .order_by(PulseAnswerRow.session_id)
        )
        return [_answer(row) for row in await self._all_of(query)]
