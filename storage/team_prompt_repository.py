"""A team's own reflection prompts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import bindparam, select, update

from bot.domain import CycleStage
from bot.rules.prompts import TeamPrompt
from storage.record_tables import TeamPromptRow
from storage.repository import SqlRepository
from storage.statements import inserting, prepared

_INSERT = inserting(TeamPromptRow)
_FOR_TEAM = prepared(  # each prompt the team is sent picks among these
    select(TeamPromptRow)
    .where(
        TeamPromptRow.community_id == bindparam("community_id"),
        TeamPromptRow.team_id == bindparam("team_id"),
        TeamPromptRow.retired_at.is_(None),
    )
    .order_by(TeamPromptRow.id)
)


def _prompt(row: TeamPromptRow) -> TeamPrompt:
    return TeamPrompt(
        community_id=row.community_id,
        team_id=row.team_id,
        stage=CycleStage(row.stage),
        text=row.text,
        created_at=row.created_at,
        retired_at=row.retired_at,
        id=row.id,
    )


class SqlTeamPrompts(SqlRepository):
    async def add(self, prompt: TeamPrompt) -> TeamPrompt:
        values = {
            "community_id": prompt.community_id,
            "team_id": prompt.team_id,
            "stage": prompt.stage.value,
            "text": prompt.text,
            "created_at": prompt.created_at,
            "retired_at": prompt.retired_at,
        }
        return replace(prompt, id=await self._insert_row(_INSERT, values))

    async def get(self, community_id: str, prompt_id: int) -> TeamPrompt | None:
        row = await self._one(
            select(TeamPromptRow).where(
                TeamPromptRow.community_id == community_id, TeamPromptRow.id == prompt_id
            )
        )
        return _prompt(row) if row else None

    async def for_team(self, community_id: str, team_id: int) -> Sequence[TeamPrompt]:
        rows = await self._all_of(_FOR_TEAM, community_id=community_id, team_id=team_id)
        return [_prompt(row) for row in rows]

    async def retire(self, community_id: str, prompt_id: int, at: datetime) -> None:
        await self._delete(
            update(TeamPromptRow)
            .where(TeamPromptRow.community_id == community_id, TeamPromptRow.id == prompt_id)
            .values(retired_at=at)
        )
