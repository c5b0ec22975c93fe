"""The fake repositories of sessions, their check-ins and their pulse answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.domain import CheckIn, PulseAnswer, Session
from bot.ports import Conflict
from tests.fakes.state import Repo, by, held, not_before, stored, unique


class Sessions(Repo):
    async def open_for(self, community_id: str, team_id: int) -> Session | None:
        return next(
            (
                s
                for s in self.s.sessions.values()
                if s.community_id == community_id and s.team_id == team_id and s.is_open
            ),
            None,
        )

    async def get(self, community_id: str, session_id: int) -> Session | None:
        s = self.s.sessions.get(session_id)
        return s if s and s.community_id == community_id else None

    def _one_open(self, session: Session) -> None:
        if session.is_open and any(
            s.team_id == session.team_id and s.is_open and s.id != session.id
            for s in self.s.sessions.values()
        ):
            raise Conflict(f"team {session.team_id} has an open session")

    async def add(self, session: Session) -> Session:
        """Stores a new session; Conflict if the team already has an open one."""
        await self.uow.writing()
        session = stored(session)
        self.team_in(session.community_id, session.team_id)
        self._one_open(replace(session, id=0))
        session = replace(session, id=self.uow.next_id())
        self.s.sessions[session.id] = session
        return session

    async def save(self, session: Session) -> None:
        await self.uow.writing()
        session = stored(session)
        self.session_in(session.community_id, session.id)
        self.team_in(session.community_id, session.team_id)
        self._one_open(session)
        self.s.sessions[session.id] = session

    async def hold(self, community_id: str, session_id: int) -> None:
        await self.uow.writing()  # one writer at a time, seeing every commit before it

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[Session]:
        rows = [
            s
            for s in self.s.sessions.values()
            if s.community_id == community_id and s.team_id == team_id
        ]
        return sorted(not_before(rows, "opened_at", since), key=by("opened_at", "id"))


class CheckIns(Repo):
    async def find(self, community_id: str, session_id: int, user_id: str) -> CheckIn | None:
        return next(
            (
                c
                for c in self.s.checkins.values()
                if c.community_id == community_id
                and c.session_id == session_id
                and c.user_id == user_id
            ),
            None,
        )

    def _checked(self, checkin: CheckIn) -> CheckIn:
        checkin = stored(checkin)
        self.team_in(checkin.community_id, checkin.team_id)
        if checkin.session_id is not None:
            self.session_in(checkin.community_id, checkin.session_id)
            already = f"{checkin.user_id} checked in to {checkin.session_id} already"
            unique(self.s.checkins.values(), checkin, "session_id", "user_id", what=already)
        return checkin

    async def add(self, checkin: CheckIn) -> CheckIn:
        """Stores a new check-in; Conflict if the person checked in to that session already."""
        await self.uow.writing()
        checkin = self._checked(replace(checkin, id=0))
        checkin = replace(checkin, id=self.uow.next_id())
        self.s.checkins[checkin.id] = checkin
        return checkin

    async def save(self, checkin: CheckIn) -> None:
        await self.uow.writing()
        held(self.s.checkins, checkin, "check-in")
        self.s.checkins[checkin.id] = self._checked(checkin)

    def _where(self, community_id: str, **equal: object) -> list[CheckIn]:
        rows = [
            c
            for c in self.s.checkins.values()
            if c.community_id == community_id and all(getattr(c, k) == v for k, v in equal.items())
        ]
        return sorted(rows, key=by("at", "id"))

    async def for_session(self, community_id: str, session_id: int) -> Sequence[CheckIn]:
        return self._where(community_id, session_id=session_id)

    async def list(
        self, community_id: str, team_id: int, since: datetime | None = None
    ) -> Sequence[CheckIn]:
        return not_before(self._where(community_id, team_id=team_id), "at", since)

    async def by_user(self, community_id: str, user_id: str) -> Sequence[CheckIn]:
        return self._where(community_id, user_id=user_id)


class PulseAnswers(Repo):
    async def get(self, community_id: str, session_id: int, user_id: str) -> PulseAnswer | None:
        a = self.s.pulse.get((session_id, user_id))
        return a if a and a.community_id == community_id else None

    async def save(self, answer: PulseAnswer) -> None:
        await self.uow.writing()
        self.session_in(answer.community_id, answer.session_id)
        self.s.pulse[(answer.session_id, answer.user_id)] = answer

    async def answer(
        self,
        community_id: str,
        session_id: int,
        user_id: str,
        *,
        relevant: int | None = None,
        recommend: bool | None = None,
    ) -> PulseAnswer:
        """Sets the given answer only, keeping the other one (an upsert of one column)."""
        await self.uow.writing()
        if relevant is None and recommend is None:
            raise ValueError("answer(): give relevant or recommend")
        self.session_in(community_id, session_id)
        stored_answer = self.s.pulse.get((session_id, user_id)) or PulseAnswer(
            community_id, session_id, user_id
        )
        if relevant is not None:
            stored_answer = replace(stored_answer, relevant=relevant)
        if recommend is not None:
            stored_answer = replace(stored_answer, recommend=recommend)
        self.s.pulse[(session_id, user_id)] = stored_answer
        return stored_answer

    async def for_session(self, community_id: str, session_id: int) -> Sequence[PulseAnswer]:
        rows = [
            a
            for (s, _), a in self.s.pulse.items()
            if s == session_id and a.community_id == community_id
        ]
        return sorted(rows, key=by("user_id"))

    async def for_team(self, community_id: str, team_id: int) -> Sequence[PulseAnswer]:
        rows = [
            a
            for (s, _), a in self.s.pulse.items()
            if a.community_id == community_id
            and (session := self.s.sessions.get(s)) is not None
            and session.team_id == team_id
        ]
        return sorted(rows, key=by("session_id", "user_id"))

    async def by_user(self, community_id: str, user_id: str) -> Sequence[PulseAnswer]:
        rows = [
            a
            for (_, u), a in self.s.pulse.items()
            if u == user_id and a.community_id == community_id
        ]
        return sorted(rows, key=by("session_id"))
