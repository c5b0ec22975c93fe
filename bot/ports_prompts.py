"""The port for a team's own reflection prompts (bot.rules.prompts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.rules.prompts import TeamPrompt


class TeamPrompts(Protocol):
    async def add(self, prompt: TeamPrompt) -> TeamPrompt: ...
    async def get(self, community_id: str, prompt_id: int) -> TeamPrompt | None:
        """A prompt of the community by its row id, retired or not."""
        ...

    async def for_team(self, community_id: str, team_id: int) -> Sequence[TeamPrompt]:
        """The team's prompts still in use, oldest first."""
        ...

    async def retire(self, community_id: str, prompt_id: int, at: datetime) -> None: ...
