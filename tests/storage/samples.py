"""Domain objects to store in the storage tests, and a helper to seed a team."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.domain import (
    CheckIn,
    Community,
    CycleStage,
    MessageRef,
    PostedMessage,
    PromptDelivery,
    PulseAnswer,
    Reflection,
    Session,
    Team,
    Visibility,
)
from bot.ports import UnitOfWork
from bot.scheduling.model import (
    CalendarBreak,
    RunState,
    Schedule,
    ScheduleKind,
    ScheduleRun,
)

A = "slack:TA"  # a community
B = "slack:TB"  # another community, which must never see A's rows
T0 = datetime(2025, 1, 6, 15, 30, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def community(community_id: str = A) -> Community:
    platform, external = community_id.split(":", 1)
    return Community(community_id, platform, external, T0)


def team(community_id: str = A, channel_id: str = "C1", **changes: Any) -> Team:
    made = Team(
        id=0,
        community_id=community_id,
        channel_id=channel_id,
        name="Grade 4 math",
        timezone="America/Chicago",
        language="en",
        stage=CycleStage.ANALYZE,
        cycle=1,
        stage_started_at=T0,
        created_at=T0,
        created_by="U1",
    )
    return replace(made, **changes)


def session(of: Team, **changes: Any) -> Session:
    made = Session(0, of.community_id, of.id, "Fractions", of.stage, "U1", T0)
    return replace(made, **changes)


def checkin(of: Team, session_id: int | None, user_id: str = "U2", **changes: Any) -> CheckIn:
    made = CheckIn(0, of.community_id, of.id, session_id, user_id, 4, "curious", T0)
    return replace(made, **changes)


def delivery(of: Team, **changes: Any) -> PromptDelivery:
    made = PromptDelivery(0, of.community_id, of.id, "analyze-1", of.stage, T0)
    return replace(made, **changes)


def reflection(of: Team, user_id: str = "U2", **changes: Any) -> Reflection:
    made = Reflection(0, of.community_id, of.id, user_id, "I noticed…", Visibility.FACILITATORS, T0)
    return replace(made, **changes)


def pulse(community_id: str, session_id: int, user_id: str = "U2", **changes: Any) -> PulseAnswer:
    return replace(PulseAnswer(community_id, session_id, user_id), **changes)


def posted(community_id: str = A, kind: str = "session_card", **changes: Any) -> PostedMessage:
    made = PostedMessage(community_id, kind, 1, MessageRef("C1", "1700000000.000100"), None, T0)
    return replace(made, **changes)


def schedule(of: Team, **changes: Any) -> Schedule:
    made = Schedule(
        id=0,
        community_id=of.community_id,
        team_id=of.id,
        kind=ScheduleKind.REFLECTION_PROMPT,
        when="mon,wed 15:30",
        timezone="America/Chicago",
        created_by="U1",
        created_at=T0,
        next_fire_at=at(60),
    )
    return replace(made, **changes)


def run(of: Schedule, fire_at: datetime = T0, **changes: Any) -> ScheduleRun:
    made = ScheduleRun(0, of.community_id, of.id, fire_at, RunState.CLAIMED, fire_at)
    return replace(made, **changes)


def calendar_break(
    community_id: str = A, team_id: int | None = None, **changes: Any
) -> CalendarBreak:
    made = CalendarBreak(
        0, community_id, team_id, date(2025, 3, 17), date(2025, 3, 21), "Spring break", "U1"
    )
    return replace(made, **changes)


async def seed_team(uow: UnitOfWork, community_id: str = A, channel_id: str = "C1") -> Team:
    """The community (if new) and a team in it, in the open unit of work."""
    await uow.communities.add(community(community_id))
    return await uow.teams.add(team(community_id, channel_id))
