"""A session's plan as stored: its agenda and meeting roles (bot.minutes.Plan), read by the
session card, the agenda list and the minutes."""

from __future__ import annotations

from bot.domain import Team
from bot.minutes import Plan
from bot.usecases.context import Ctx


async def plan_of(ctx: Ctx, team: Team, session_id: int | None) -> Plan:
    """`session_id=None`: the team's next session's plan."""
    meetings = ctx.uow.meetings
    agenda = await meetings.agenda(team.community_id, team.id, session_id)
    roles = await meetings.roles(team.community_id, team.id, session_id)
    return Plan(tuple(agenda), tuple(roles))
