"""The report's figures (bot.reports), computed by the database in eight queries whatever the
number of teams or sessions: counts and sums grouped by team or session, no rows of anyone's
words. Each team may have its own lower bound (a date is midnight in the team's own zone)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select, true

from bot.domain import CycleStage, Role, StageChange
from bot.reports import PromptFigures, Pulse, SessionFigures, TeamFigures
from storage.coltypes import UtcDateTime
from storage.report_summaries import SqlReportSummaries
from storage.tables import (
    CheckInRow,
    PromptDeliveryRow,
    PulseAnswerRow,
    ReflectionRow,
    SessionRow,
    StageChangeRow,
    TeamRoleRow,
)

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def _since(
    column: Any, team_column: Any, since: Mapping[int, datetime | None]
) -> ColumnElement[bool]:
    """`column >= the team's own lower bound`, for every team in one expression."""
    bounded = {team: at for team, at in since.items() if at is not None}
    if not bounded:
        return true()
    bound = case(
        *((team_column == team, literal(at, UtcDateTime())) for team, at in bounded.items()),
        else_=literal(EARLIEST, UtcDateTime()),
    )
    return column >= bound  # type: ignore[no-any-return]


def _summed(pulses: list[Pulse]) -> Pulse:
    r1 = r2 = r3 = r4 = r5 = yes = no = 0
    for p in pulses:
        r1, r2, r3, r4, r5 = (
            r1 + p.relevant[0],
            r2 + p.relevant[1],
            r3 + p.relevant[2],
            r4 + p.relevant[3],
            r5 + p.relevant[4],
        )
        yes, no = yes + p.recommend_yes, no + p.recommend_no
    return Pulse((r1, r2, r3, r4, r5), yes, no)


class SqlReportReads(SqlReportSummaries):
    async def teams(
        self, community_id: str, since: Mapping[int, datetime | None]
    ) -> Mapping[int, TeamFigures]:
        if not since:
            return {}
        teams = list(since)
        out = {team: TeamFigures(team) for team in teams}
        pulses = await self._pulse(community_id, teams, since)
        for team, rows in (await self._sessions(community_id, teams, since, pulses)).items():
            summed = _summed([pulses[s.id] for s in rows if s.id in pulses])
            out[team] = replace(out[team], sessions=tuple(rows), pulse=summed)
        for team, n in (await self._counts(community_id, teams, since)).items():
            out[team] = replace(
                out[team],
                checkins=n.get("checkins", 0),
                score_sum=n.get("score_sum", 0),
                reflections=n.get("reflections", 0),
                teachers=n.get("teachers", 0),
            )
        for team, sent in (await self._sent(community_id, teams, since)).items():
            answered = sum(p.answered for p in sent)
            out[team] = replace(out[team], sent=tuple(sent), prompts=len(sent), answered=answered)
        for team, stages in (await self._stages(community_id, teams)).items():
            out[team] = replace(out[team], stages=tuple(stages))
        return out

    async def _sessions(
        self,
        cid: str,
        teams: list[int],
        since: Mapping[int, datetime | None],
        pulses: Mapping[int, Pulse],
    ) -> dict[int, list[SessionFigures]]:
        s, c = SessionRow, CheckInRow
        per_session = {
            row.session_id: (row.n, row.total)
            for row in await self._session.execute(
                select(c.session_id, func.count().label("n"), func.sum(c.score).label("total"))
                .where(
                    c.community_id == cid,
                    c.team_id.in_(teams),
                    c.session_id.is_not(None),
                    _since(c.at, c.team_id, since),
                )
                .group_by(c.session_id)
            )
        }
        out: dict[int, list[SessionFigures]] = defaultdict(list)
        rows = await self._session.execute(
            select(s.team_id, s.id, s.topic, s.opened_at, s.closed_at)
            .where(
                s.community_id == cid, s.team_id.in_(teams), _since(s.opened_at, s.team_id, since)
            )
            .order_by(s.opened_at, s.id)
        )
        empty = Pulse()
        for row in rows:
            n, total = per_session.get(row.id, (0, 0))
            pulse = pulses.get(row.id, empty)
            out[row.team_id].append(
                SessionFigures(
                    row.id, row.topic, row.opened_at, row.closed_at, n, int(total or 0), pulse
                )
            )
        return out

    async def _counts(
        self, cid: str, teams: list[int], since: Mapping[int, datetime | None]
    ) -> dict[int, dict[str, int]]:
        c, r, tr = CheckInRow, ReflectionRow, TeamRoleRow
        out: dict[int, dict[str, int]] = defaultdict(dict)
        checkins = select(c.team_id, func.count(), func.sum(c.score)).where(
            c.community_id == cid, c.team_id.in_(teams), _since(c.at, c.team_id, since)
        )
        for team, n, total in await self._session.execute(checkins.group_by(c.team_id)):
            out[team].update(checkins=n, score_sum=int(total or 0))
        simple: list[tuple[str, Any, Any]] = [
            ("reflections", r, _since(r.created_at, r.team_id, since)),
            ("teachers", tr, tr.role == Role.TEACHER.label),
        ]
        for name, table, where in simple:
            query = select(table.team_id, func.count()).where(
                table.community_id == cid, table.team_id.in_(teams), where
            )
            for team, n in await self._session.execute(query.group_by(table.team_id)):
                out[team][name] = n
        return out

    async def _pulse(
        self, cid: str, teams: list[int], since: Mapping[int, datetime | None]
    ) -> dict[int, Pulse]:
        """Each session's feedback, by session id: one row a session, each point counted."""
        p, s = PulseAnswerRow, SessionRow

        def counted(condition: ColumnElement[bool]) -> Any:
            return func.sum(case((condition, 1), else_=0))

        points = [counted(p.relevant == n) for n in range(1, 6)]
        query = (
            select(
                p.session_id,
                *points,
                counted(p.recommend.is_(True)),
                counted(p.recommend.is_(False)),
            )
            .join(s, and_(s.community_id == p.community_id, s.id == p.session_id))
            .where(
                p.community_id == cid, s.team_id.in_(teams), _since(s.opened_at, s.team_id, since)
            )
            .group_by(p.session_id)
        )
        out: dict[int, Pulse] = {}
        for session, r1, r2, r3, r4, r5, yes, no in await self._session.execute(query):
            relevant = (int(r1), int(r2), int(r3), int(r4), int(r5))
            out[session] = Pulse(relevant, int(yes), int(no))
        return out

    async def _sent(
        self, cid: str, teams: list[int], since: Mapping[int, datetime | None]
    ) -> dict[int, list[PromptFigures]]:
        """Each prompt sent and how many answered it: one reflection per (prompt, person) is a
        unique index, so counting answers counts pairs."""
        r, d = ReflectionRow, PromptDeliveryRow
        answers = and_(
            r.community_id == d.community_id,
            r.delivery_id == d.id,
            r.team_id == d.team_id,
            _since(r.created_at, r.team_id, since),
        )
        query = (
            select(d.team_id, d.id, d.sent_at, func.count(r.id))
            .outerjoin(r, answers)
            .where(d.community_id == cid, d.team_id.in_(teams), _since(d.sent_at, d.team_id, since))
            .group_by(d.team_id, d.id, d.sent_at)
            .order_by(d.sent_at, d.id)
        )
        out: dict[int, list[PromptFigures]] = defaultdict(list)
        for team, _, sent_at, n in await self._session.execute(query):
            out[team].append(PromptFigures(sent_at, n))
        return out

    async def _stages(self, cid: str, teams: list[int]) -> dict[int, list[StageChange]]:
        sc = StageChangeRow
        query = (
            select(sc.team_id, sc.cycle, sc.stage, sc.started_at, sc.changed_by)
            .where(sc.community_id == cid, sc.team_id.in_(teams))
            .order_by(sc.started_at, sc.id)
        )
        out: dict[int, list[StageChange]] = defaultdict(list)
        for team, cycle, stage, started_at, changed_by in await self._session.execute(query):
            out[team].append(StageChange(team, cycle, CycleStage(stage), started_at, changed_by))
        return out
