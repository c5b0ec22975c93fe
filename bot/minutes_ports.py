"""The ports of a session's agenda, roles, decisions and kept minutes (bot.minutes), and the
seam through which a protocol run's notes reach the minutes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.minutes import AgendaItem, Decision, KeptMinutes, MeetingRole, RoleAssignment


class Meetings(Protocol):
    """`session_id=None` is the team's next session: what is set before it opens."""

    async def add_item(self, item: AgendaItem) -> AgendaItem: ...
    async def agenda(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[AgendaItem]:
        """In the order they were added."""
        ...

    async def remove_item(self, community_id: str, item_id: int) -> None: ...
    async def clear_agenda(self, community_id: str, team_id: int, session_id: int | None) -> int:
        """Removes the agenda; how many items it had."""
        ...

    async def set_role(self, assignment: RoleAssignment) -> None:
        """Gives the role for that session, in place of whoever had it."""
        ...

    async def clear_role(
        self, community_id: str, team_id: int, session_id: int | None, role: MeetingRole
    ) -> None: ...
    async def roles(
        self, community_id: str, team_id: int, session_id: int | None
    ) -> Sequence[RoleAssignment]: ...
    async def attach(self, community_id: str, team_id: int, session_id: int) -> None:
        """The next session's agenda and roles become this (just opened) session's."""
        ...

    async def add_decision(self, decision: Decision) -> Decision: ...
    async def decisions(self, community_id: str, session_id: int) -> Sequence[Decision]: ...
    async def of_team(
        self, community_id: str, team_id: int
    ) -> tuple[Sequence[AgendaItem], Sequence[RoleAssignment], Sequence[Decision]]:
        """Every agenda item, meeting role and decision of the team (each session's and the
        next one's), in the order they were made: three reads, however many sessions."""
        ...

    async def keep(self, minutes: KeptMinutes) -> KeptMinutes: ...
    async def kept(self, community_id: str, team_id: int) -> Sequence[KeptMinutes]:
        """The team's kept minutes, newest first."""
        ...
