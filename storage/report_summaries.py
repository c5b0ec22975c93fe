"""Each team's summary ever (bot.reports.TeamSummary), for an overview of every team at once:
one statement whatever the number of teams, every figure counted and summed by the database.
Only what the overview shows comes back (one row a team): no per-session or per-prompt rows,
none of anyone's words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, Subquery, and_, bindparam, func, select
from sqlalchemy.orm import aliased

from bot.domain import Role
from bot.reports import TeamSummary
from storage.repository import SqlRepository
from storage.statements import prepared
from storage.tables import (
    CheckInRow,
    PromptDeliveryRow,
    ReflectionRow,
    SessionRow,
    TeamRoleRow,
    TeamRow,
)

CID: BindParameter[str] = bindparam("community_id")
TEAMS: BindParameter[list[int]] = bindparam("teams", expanding=True)
# the prompts counted in the response rate: those sent since (retention deletes older answers)
SENT_SINCE: BindParameter[datetime] = bindparam(
    "sent_since", type_=PromptDeliveryRow.__table__.c.sent_at.type
)
EVER = datetime(1970, 1, 1, tzinfo=UTC)


def _per_team(table: Any, *figures: Any, where: Any = ()) -> Subquery:
    """`figures` of `table`'s rows of the teams asked about, one row a team."""
    return (
        select(table.team_id.label("team_id"), *figures)
        .where(table.community_id == CID, table.team_id.in_(TEAMS), *where)
        .group_by(table.team_id)
        .subquery()
    )


def _answered() -> Subquery:
    """Prompts sent, and the (prompt, person) pairs answered (one reflection per pair is a
    unique index), one row a team: each prompt's answers counted through the index on
    (community_id, delivery_id), not by joining every reflection of the year."""
    d, r = PromptDeliveryRow, ReflectionRow
    answers = (
        select(func.count())
        .where(r.community_id == d.community_id, r.delivery_id == d.id, r.team_id == d.team_id)
        .correlate(d)
        .scalar_subquery()
    )
    return (
        select(
            d.team_id.label("team_id"),
            func.count().label("prompts"),
            func.sum(answers).label("answered"),
        )
        .where(d.community_id == CID, d.team_id.in_(TEAMS), d.sent_at >= SENT_SINCE)
        .group_by(d.team_id)
        .subquery()
    )


def _last_session(t: Any) -> ColumnElement[Any]:
    """The id of team `t`'s last session (the latest opened; the later id at a tie)."""
    s = SessionRow
    return (
        select(s.id)
        .where(s.community_id == t.community_id, s.team_id == t.id)
        .order_by(s.opened_at.desc(), s.id.desc())
        .limit(1)
        .correlate(t)
        .scalar_subquery()
    )


def _summaries() -> Select[Any]:
    """The one statement: a row a team, each figure from a grouped subquery (or, for the
    last session, a correlated one); built once, its values bound at each call."""
    t, c, tr, last = TeamRow, CheckInRow, TeamRoleRow, aliased(SessionRow)
    sessions = _per_team(SessionRow, func.count().label("n"))
    checkins = _per_team(c, func.count().label("n"), func.sum(c.score).label("sum"))
    prompts = _answered()
    teachers = _per_team(tr, func.count().label("n"), where=(tr.role == Role.TEACHER.label,))
    checked_in = (
        select(func.count())
        .where(c.community_id == last.community_id, c.session_id == last.id)
        .correlate(last)
        .scalar_subquery()
    )
    return prepared(
        select(
            t.id,
            sessions.c.n,
            last.opened_at,
            checked_in,
            checkins.c.n,
            checkins.c.sum,
            prompts.c.prompts,
            prompts.c.answered,
            teachers.c.n,
        )
        .outerjoin(sessions, sessions.c.team_id == t.id)
        .outerjoin(last, and_(last.community_id == t.community_id, last.id == _last_session(t)))
        .outerjoin(checkins, checkins.c.team_id == t.id)
        .outerjoin(prompts, prompts.c.team_id == t.id)
        .outerjoin(teachers, teachers.c.team_id == t.id)
        .where(t.community_id == CID, t.id.in_(TEAMS))
    )


_SUMMARIES = _summaries()


class SqlReportSummaries(SqlRepository):
    async def summaries(
        self, community_id: str, teams: Sequence[int], prompts_since: datetime | None = None
    ) -> Mapping[int, TeamSummary]:
        if not teams:
            return {}
        out = {team: TeamSummary(team) for team in teams}
        values = {"community_id": community_id, "teams": list(teams)}
        rows = await self._rows(_SUMMARIES, values | {"sent_since": prompts_since or EVER})
        for team, n, opened_at, here, ins, total, sent, answered, teaching in rows:
            out[team] = TeamSummary(
                team,
                n or 0,
                opened_at,
                here if opened_at is not None else 0,
                ins or 0,
                int(total or 0),
                sent or 0,
                int(answered or 0),
                teaching or 0,
            )
        return out
