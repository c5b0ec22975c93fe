"""The report's figures computed the obvious way, from the repositories' row lists, one team
and one session at a time: the fake unit of work's ReportReads, and the reference the SQL read
model (and its summaries) is held against (tests/storage/test_sql_report_reads.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.domain import Role
from bot.ports import UnitOfWork
from bot.reports import PromptFigures, Pulse, SessionFigures, TeamFigures, TeamSummary


async def figures_from_rows(
    uow: UnitOfWork, community_id: str, since: Mapping[int, datetime | None]
) -> dict[int, TeamFigures]:
    out = {}
    for team, at in since.items():
        sessions = await uow.sessions.list(community_id, team, at)
        checkins = await uow.checkins.list(community_id, team, at)
        prompts = await uow.deliveries.list(community_id, team, at)
        reflections = await uow.reflections.list(community_id, team, at)
        members = await uow.team_roles.members(community_id, team)
        ids = {d.id for d in prompts}
        relevant = [0, 0, 0, 0, 0]
        yes = no = 0
        figures = []
        for s in sessions:
            mine = [c.score for c in checkins if c.session_id == s.id]
            answers = await uow.pulse.for_session(community_id, s.id)
            here = [0, 0, 0, 0, 0]
            for a in answers:
                if a.relevant is not None:
                    relevant[a.relevant - 1] += 1
                    here[a.relevant - 1] += 1
                yes += a.recommend is True
                no += a.recommend is False
            pulse = Pulse(
                (here[0], here[1], here[2], here[3], here[4]),
                sum(a.recommend is True for a in answers),
                sum(a.recommend is False for a in answers),
            )
            figures.append(
                SessionFigures(s.id, s.topic, s.opened_at, s.closed_at, len(mine), sum(mine), pulse)
            )
        out[team] = TeamFigures(
            team,
            tuple(figures),
            len(checkins),
            sum(c.score for c in checkins),
            len(reflections),
            len(prompts),
            len({(r.delivery_id, r.user_id) for r in reflections if r.delivery_id in ids}),
            sum(1 for m in members if m.role is Role.TEACHER),
            Pulse((relevant[0], relevant[1], relevant[2], relevant[3], relevant[4]), yes, no),
            tuple(await uow.stage_changes.list(community_id, team)),
            tuple(
                PromptFigures(
                    d.sent_at,
                    len({r.user_id for r in reflections if r.delivery_id == d.id}),
                )
                for d in sorted(prompts, key=lambda d: (d.sent_at, d.id))
            ),
        )
    return out


def summary_of(f: TeamFigures) -> TeamSummary:
    """A team's summary as its whole figures give it: the reference for `summaries`."""
    last = f.sessions[-1] if f.sessions else None
    return TeamSummary(
        f.team_id,
        len(f.sessions),
        last.opened_at if last else None,
        last.checked_in if last else 0,
        f.checkins,
        f.score_sum,
        f.prompts,
        f.answered,
        f.teachers,
    )


class FakeReportReads:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def teams(
        self, community_id: str, since: Mapping[int, datetime | None]
    ) -> Mapping[int, TeamFigures]:
        return await figures_from_rows(self._uow, community_id, since)

    async def summaries(
        self, community_id: str, teams: Sequence[int], prompts_since: datetime | None = None
    ) -> Mapping[int, TeamSummary]:
        whole = await figures_from_rows(self._uow, community_id, dict.fromkeys(teams))
        return {team: summary_of(f.kept(prompts_since)) for team, f in whole.items()}
