"""A team's stage history: each move to a stage of its cycle."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from bot.domain import CycleStage, StageChange
from storage.repository import SqlRepository
from storage.tables import StageChangeRow


class SqlStageChanges(SqlRepository):
    async def add(self, community_id: str, change: StageChange) -> None:
        row = StageChangeRow(
            community_id=community_id,
            team_id=change.team_id,
            cycle=change.cycle,
            stage=change.stage.value,
            started_at=change.started_at,
            changed_by=change.changed_by,
        )
        await self._insert(row)

    async def list(self, community_id: str, team_id: int) -> Sequence[StageChange]:
        query = (
            select(StageChangeRow)
            .where(StageChangeRow.community_id == community_id, StageChangeRow.team_id == team_id)
            .order_by(StageChangeRow.started_at, StageChangeRow.id)
        )
        return [
            StageChange(r.team_id, r.cycle, CycleStage(r.stage), r.started_at, r.changed_by)
            for r in await self._all(query)
        ]
