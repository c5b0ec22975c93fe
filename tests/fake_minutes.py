"""In-memory agenda, meeting roles, decisions and kept minutes (bot.minutes_ports) for the
FakeStore, with the rules the tables enforce (a team and session of the same community, one
kept minutes per session, datetimes in UTC)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.minutes import AgendaItem, Decision, KeptMinutes, MeetingRole, RoleAssignment
from bot.ports import Conflict
from tests.fakes.state import Repo, State, drop, stored

FORGOTTEN = "forgotten"


class FakeMeetings(Repo):
    def _parents(self, community_id: str, team_id: int, session_id: int | None) -> None:
        self.team_in(community_id, team_id)
        if session_id is not None:
            self.session_in(community_id, session_id)

    async def add_item(self, item: AgendaItem) -> AgendaItem:
        await self.uow.writing()
        self._parents(item.community_id, item.team_id, item.session_id)
        saved = stored(replace(item, id=self.uow.next_id()))
        self.s.agenda[saved.id] = saved
        return saved

    async def agenda(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[AgendaItem]:
        return sorted(
            (
                a
                for a in self.s.agenda.values()
                if (a.community_id, a.team_id, a.session_id) == (community_id, team_id, session_id)
            ),
            key=lambda a: a.id,
        )

    async def remove_item(self, community_id: str, item_id: int) -> None:
        await self.uow.writing()
        held = self.s.agenda.get(item_id)
        if held is not None and held.community_id == community_id:
            del self.s.agenda[item_id]

    async def clear_agenda(self, community_id: str, team_id: int, session_id: int | None) -> int:
        gone = await self.agenda(community_id, team_id, session_id)
        await self.uow.writing()
        for a in gone:
            del self.s.agenda[a.id]
        return len(gone)

    async def set_role(self, assignment: RoleAssignment) -> None:
        a = assignment
        await self.clear_role(a.community_id, a.team_id, a.session_id, a.role)
        self._parents(a.community_id, a.team_id, a.session_id)
        self.s.meeting_roles.append(stored(a))

    async def clear_role(
        self, community_id: str, team_id: int, session_id: int | None, role: MeetingRole
    ) -> None:
        await self.uow.writing()
        key = (community_id, team_id, session_id, role)
        self.s.meeting_roles = [
            r
            for r in self.s.meeting_roles
            if (r.community_id, r.team_id, r.session_id, r.role) != key
        ]

    async def roles(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[RoleAssignment]:
        key = (community_id, team_id, session_id)
        return [r for r in self.s.meeting_roles if (r.community_id, r.team_id, r.session_id) == key]

    async def attach(self, community_id: str, team_id: int, session_id: int) -> None:
        await self.uow.writing()
        self._parents(community_id, team_id, session_id)
        for a in await self.agenda(community_id, team_id, None):
            self.s.agenda[a.id] = replace(a, session_id=session_id)
        self.s.meeting_roles = [
            replace(r, session_id=session_id)
            if (r.community_id, r.team_id, r.session_id) == (community_id, team_id, None)
            else r
            for r in self.s.meeting_roles
        ]

    async def add_decision(self, decision: Decision) -> Decision:
        await self.uow.writing()
        self._parents(decision.community_id, decision.team_id, decision.session_id)
        saved = stored(replace(decision, id=self.uow.next_id()))
        self.s.decisions[saved.id] = saved
        return saved

    async def decisions(self, community_id: str, session_id: int) -> Sequence[Decision]:
        return sorted(
            (
                d
                for d in self.s.decisions.values()
                if (d.community_id, d.session_id) == (community_id, session_id)
            ),
            key=lambda d: d.id,
        )

    async def of_team(
        self, community_id: str, team_id: int
    ) -> tuple[Sequence[AgendaItem], Sequence[RoleAssignment], Sequence[Decision]]:
        def ours(x: Any) -> bool:
            return bool((x.community_id, x.team_id) == (community_id, team_id))

        return (
            sorted((a for a in self.s.agenda.values() if ours(a)), key=lambda a: a.id),
            [r for r in self.s.meeting_roles if ours(r)],
            sorted((d for d in self.s.decisions.values() if ours(d)), key=lambda d: d.id),
        )

    async def keep(self, minutes: KeptMinutes) -> KeptMinutes:
        await self.uow.writing()
        self._parents(minutes.community_id, minutes.team_id, minutes.session_id)
        key = (minutes.community_id, minutes.session_id)
        if any((k.community_id, k.session_id) == key for k in self.s.kept_minutes.values()):
            raise Conflict(f"minutes of session {minutes.session_id} are kept already")
        saved = stored(replace(minutes, id=self.uow.next_id()))
        self.s.kept_minutes[saved.id] = saved
        return saved

    async def kept(self, community_id: str, team_id: int) -> Sequence[KeptMinutes]:
        held = [
            k
            for k in self.s.kept_minutes.values()
            if (k.community_id, k.team_id) == (community_id, team_id)
        ]
        return sorted(held, key=lambda k: (k.created_at, k.id), reverse=True)


def forget_minutes(s: State, community_id: str, user_id: str, counts: dict[str, int]) -> None:
    """The person's meeting roles go; agenda items, roles given and decisions they wrote stay
    the team's, as "forgotten" (like storage/rights_repository.py)."""
    ours = lambda x: x.community_id == community_id  # noqa: E731
    before = len(s.meeting_roles)
    s.meeting_roles = [r for r in s.meeting_roles if not (ours(r) and r.user_id == user_id)]
    counts["meeting_roles"] = before - len(s.meeting_roles)
    s.meeting_roles = [
        replace(r, assigned_by=FORGOTTEN) if ours(r) and r.assigned_by == user_id else r
        for r in s.meeting_roles
    ]
    for key, a in list(s.agenda.items()):
        if ours(a) and a.created_by == user_id:
            s.agenda[key] = replace(a, created_by=FORGOTTEN)
    for key, d in list(s.decisions.items()):
        if ours(d) and d.written_by == user_id:
            s.decisions[key] = replace(d, written_by=FORGOTTEN)


def purge_minutes(s: State, community_id: str, counts: dict[str, int]) -> None:
    ours = lambda x: x.community_id == community_id  # noqa: E731
    counts["agenda_items"] = drop(s.agenda, ours)
    before = len(s.meeting_roles)
    s.meeting_roles = [r for r in s.meeting_roles if not ours(r)]
    counts["meeting_roles"] = before - len(s.meeting_roles)
    counts["decisions"] = drop(s.decisions, ours)
    counts["session_minutes"] = drop(s.kept_minutes, ours)
