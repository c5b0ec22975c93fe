"""The daily data-retention job: old reflections deleted, removed communities purged."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from bot.district_export import community_export
from bot.ports import Clock, UnitOfWorkFactory

log = logging.getLogger("plcbot.retention")
# Slack retries an event for about an hour and refuses a signature older than five minutes.
CLAIMS_KEPT = timedelta(days=2)

__all__ = ["RetentionJob", "RetentionReport", "community_export"]  # the export's old home


@dataclass
class RetentionReport:
    reflections_deleted: dict[str, int] = field(default_factory=dict)
    communities_purged: list[str] = field(default_factory=list)
    claims_pruned: int = 0


class RetentionJob:
    """Deletes reflections older than the community's retention setting (or the configured
    default), and purges communities whose bot was removed longer ago than the grace period."""

    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        clock: Clock,
        default_days: int | None,
        removal_grace_days: int = 30,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._default_days = default_days
        self._grace = timedelta(days=removal_grace_days)

    async def run(self) -> RetentionReport:
        now = self._clock.now()
        report = RetentionReport()
        async with self._uow() as uow:
            communities = list(await uow.rights.communities())
        for community in communities:
            async with self._uow() as uow:
                if community.removed_at is not None and now - community.removed_at >= self._grace:
                    await uow.rights.purge_community(community.id)
                    report.communities_purged.append(community.id)
                else:
                    days = community.retention_days or self._default_days
                    if days:
                        n = await uow.rights.delete_reflections_before(
                            community.id, now - timedelta(days=days)
                        )
                        if n:
                            report.reflections_deleted[community.id] = n
                await uow.commit()
        async with self._uow() as uow:  # platform deliveries long past any retry or replay
            report.claims_pruned = await uow.events.prune(now - CLAIMS_KEPT)
            await uow.commit()
        if report.reflections_deleted or report.communities_purged:
            log.info(
                "retention: %d reflections deleted in %d communities; %d communities purged",
                sum(report.reflections_deleted.values()),
                len(report.reflections_deleted),
                len(report.communities_purged),
            )
        return report
