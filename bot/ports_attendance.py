"""The port for attendance at sessions (bot.attendance)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.attendance import Attendance


class Attendances(Protocol):
    async def mark(self, attendance: Attendance) -> bool:
        """Records it; False when the person was already marked at that session."""
        ...

    async def for_session(self, community_id: str, session_id: int) -> Sequence[Attendance]: ...
    async def by_user(self, community_id: str, user_id: str) -> Sequence[Attendance]: ...
    async def confirm(self, community_id: str, session_id: int, by: str, at: datetime) -> int:
        """Signs off every attendance of the session not signed yet; how many."""
        ...
