"""The fake unit of work's team prompts and attendance, held in its State like every other
fake table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.attendance import Attendance
from bot.rules.prompts import TeamPrompt
from tests.fakes.state import Repo, stored, utc


class FakeTeamPrompts(Repo):
    @property
    def _rows(self) -> dict[int, TeamPrompt]:
        return self.s.team_prompts

    async def add(self, prompt: TeamPrompt) -> TeamPrompt:
        await self.uow.writing()
        saved = stored(replace(prompt, id=self.uow.next_id()))
        self._rows[saved.id] = saved
        return saved

    async def get(self, community_id: str, prompt_id: int) -> TeamPrompt | None:
        held = self._rows.get(prompt_id)
        return held if held is not None and held.community_id == community_id else None

    async def for_team(self, community_id: str, team_id: int) -> Sequence[TeamPrompt]:
        return [
            p
            for p in self._rows.values()
            if p.community_id == community_id and p.team_id == team_id and p.retired_at is None
        ]

    async def retire(self, community_id: str, prompt_id: int, at: datetime) -> None:
        await self.uow.writing()
        held = await self.get(community_id, prompt_id)
        if held is not None:
            self._rows[prompt_id] = replace(held, retired_at=utc(at))


class FakeAttendances(Repo):
    """Attendance at sessions, keyed by (session, person) like the table's unique rule."""

    @property
    def _rows(self) -> dict[tuple[int, str], Attendance]:
        return self.s.attendance

    async def mark(self, attendance: Attendance) -> bool:
        await self.uow.writing()
        attendance = stored(attendance)
        key = (attendance.session_id, attendance.user_id)
        if key in self._rows:
            return False
        self._rows[key] = attendance
        return True

    async def for_session(self, community_id: str, session_id: int) -> Sequence[Attendance]:
        return [
            a
            for a in self._rows.values()
            if a.community_id == community_id and a.session_id == session_id
        ]

    async def by_user(self, community_id: str, user_id: str) -> Sequence[Attendance]:
        return [
            a
            for a in self._rows.values()
            if a.community_id == community_id and a.user_id == user_id
        ]

    async def confirm(self, community_id: str, session_id: int, by: str, at: datetime) -> int:
        await self.uow.writing()
        at = utc(at)
        due = [
            k
            for k, a in self._rows.items()
            if a.community_id == community_id and a.session_id == session_id and not a.confirmed_at
        ]
        for k in due:
            self._rows[k] = replace(self._rows[k], confirmed_at=at, confirmed_by=by)
        return len(due)
