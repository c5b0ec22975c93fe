"""The fake unit of work's team prompts, held in its State like every other fake table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from bot.rules.prompts import TeamPrompt

if TYPE_CHECKING:
    from tests.fakes import FakeUnitOfWork


class FakeTeamPrompts:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def _rows(self) -> dict[int, TeamPrompt]:
        assert self.uow.state is not None, "use the unit of work inside `async with`"
        return self.uow.state.team_prompts

    async def add(self, prompt: TeamPrompt) -> TeamPrompt:
        saved = replace(prompt, id=self.uow.next_id())
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
        held = await self.get(community_id, prompt_id)
        if held is not None:
            self._rows[prompt_id] = replace(held, retired_at=at)
