"""The daily data-retention job and the district's whole-community export and purge."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.domain import AuditEntry, PulseAnswer, Visibility
from bot.export import ExportFile, to_csv, to_json
from bot.ports import Clock, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger("plcbot.retention")


@dataclass
class RetentionReport:
    reflections_deleted: dict[str, int] = field(default_factory=dict)
    communities_purged: list[str] = field(default_factory=list)


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
        if report.reflections_deleted or report.communities_purged:
            log.info(
                "retention: %d reflections deleted in %d communities; %d communities purged",
                sum(report.reflections_deleted.values()),
                len(report.reflections_deleted),
                len(report.communities_purged),
            )
        return report


def _anonymous_feedback(session_id: int, answers: Sequence[PulseAnswer]) -> list[list[Any]]:
    """A session's feedback answers with no person id, in an order that says nothing about
    who gave them."""
    rows = [[session_id, a.relevant, a.recommend] for a in answers]
    return sorted(rows, key=lambda row: (row[1] is None, row[1] or 0, row[2] is None, bool(row[2])))


async def community_export(
    uow: UnitOfWork, community_id: str, now: datetime, reader: str
) -> list[ExportFile]:
    """Everything of one community for the district's records: reflections shared with the
    team or its facilitators with their text, private ones as a count per team (private means
    the author only), feedback answers without who gave them (the card says they are
    anonymous). Each team's export is written to the audit log."""
    teams = list(await uow.teams.list(community_id))
    sessions, checkins, deliveries, reflections, pulse, changes, schedules = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    private: dict[int, int] = {}
    for team in teams:
        team_sessions = list(await uow.sessions.list(community_id, team.id))
        sessions += [
            [team.id, s.id, s.topic, s.stage.value, s.opened_by, s.opened_at, s.closed_at]
            for s in team_sessions
        ]
        for s in team_sessions:
            pulse += _anonymous_feedback(s.id, await uow.pulse.for_session(community_id, s.id))
        checkins += [
            [c.team_id, c.session_id, c.user_id, c.score, c.word, c.at]
            for c in await uow.checkins.list(community_id, team.id)
        ]
        deliveries += [
            [d.team_id, d.id, d.prompt_id, d.stage.value, d.kind, d.sent_at]
            for d in await uow.deliveries.list(community_id, team.id)
        ]
        # Private means the author only: the district gets how many, never the words.
        team_reflections = list(await uow.reflections.list(community_id, team.id))
        private[team.id] = sum(r.visibility is Visibility.PRIVATE for r in team_reflections)
        team_reflections = [r for r in team_reflections if r.visibility is not Visibility.PRIVATE]
        reflections += [
            [
                r.team_id,
                r.id,
                r.delivery_id,
                r.user_id,
                r.visibility.value,
                r.created_at,
                r.edited_at,
                r.text,
            ]
            for r in team_reflections
        ]
        changes += [
            [c.team_id, c.cycle, c.stage.value, c.started_at, c.changed_by]
            for c in await uow.stage_changes.list(community_id, team.id)
        ]
        schedules += [
            [x.team_id, x.id, x.kind.value, x.when, x.timezone, x.paused]
            for x in await uow.schedules.for_team(community_id, team.id)
        ]
        await uow.audit.add(
            AuditEntry(community_id, reader, team.id, "export", len(team_reflections), now)
        )
    calendar = [
        [b.id, b.team_id, b.first_day, b.last_day, b.label]
        for b in await uow.calendar.list(community_id)
    ]
    members = []
    for team in teams:
        members += [
            [team.id, r.user_id, r.role.label]
            for r in await uow.team_roles.members(community_id, team.id)
        ]
    summary = {
        "community": community_id,
        "exported_at": now,
        "teams": [
            {
                "id": t.id,
                "channel": t.channel_id,
                "name": t.name,
                "timezone": t.timezone,
                "stage": t.stage.value,
                "cycle": t.cycle,
                "private_reflections": private[t.id],
            }
            for t in teams
        ],
        "admins": list(await uow.members.admins(community_id)),
        "counts": {
            "sessions": len(sessions),
            "checkins": len(checkins),
            "reflections": len(reflections),
            "private_reflections": sum(private.values()),
            "feedback": len(pulse),
        },
    }
    return [
        to_json("community.json", summary),
        to_csv("team_members.csv", ["team_id", "user_id", "role"], members),
        to_csv(
            "sessions.csv",
            ["team_id", "session_id", "topic", "stage", "opened_by", "opened_at", "closed_at"],
            sessions,
        ),
        to_csv(
            "checkins.csv", ["team_id", "session_id", "user_id", "score", "word", "at"], checkins
        ),
        to_csv(
            "prompts_sent.csv",
            ["team_id", "delivery_id", "prompt_id", "stage", "kind", "sent_at"],
            deliveries,
        ),
        to_csv(
            "reflections.csv",
            [
                "team_id",
                "reflection_id",
                "delivery_id",
                "user_id",
                "visibility",
                "created_at",
                "edited_at",
                "text",
            ],
            reflections,
        ),
        to_csv("feedback.csv", ["session_id", "relevant", "recommend"], pulse),
        to_csv(
            "stage_changes.csv", ["team_id", "cycle", "stage", "started_at", "changed_by"], changes
        ),
        to_csv(
            "schedules.csv",
            ["team_id", "schedule_id", "kind", "when", "timezone", "paused"],
            schedules,
        ),
        to_csv(
            "calendar_breaks.csv",
            ["break_id", "team_id", "first_day", "last_day", "label"],
            calendar,
        ),
    ]
