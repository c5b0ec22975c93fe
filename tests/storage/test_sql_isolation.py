"""Tenancy: a community never reads, changes or points into another community's rows; and a
team's (or a community's) rows go with it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import func, select, text

from bot.attendance import Attendance
from bot.domain import (
    CheckIn,
    CycleStage,
    Member,
    MessageRef,
    PendingWithdrawal,
    PromptDelivery,
    Reflection,
    Role,
    Session,
    StageChange,
    Team,
    TeamRole,
)
from bot.ports import Conflict, UnitOfWork
from bot.rules.prompts import TeamPrompt
from bot.scheduling.model import RunState, Schedule, ScheduleRun
from storage.engine import make_engine
from storage.tables import metadata
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import (
    T0,
    A,
    B,
    at,
    audit,
    calendar_break,
    checkin,
    community,
    delivery,
    posted,
    pulse,
    reflection,
    run,
    schedule,
    seed_minutes,
    seed_portfolios,
    seed_protocols,
    seed_team,
    seed_work,
    session,
)


@dataclass(frozen=True)
class Seeded:
    team: Team
    session: Session
    checkin: CheckIn
    delivery: PromptDelivery
    reflection: Reflection
    schedule: Schedule
    run: ScheduleRun


async def seed_everything(uow: UnitOfWork, community_id: str) -> Seeded:
    """One row of every kind in the community."""
    t = await seed_team(uow, community_id, "C1")
    await uow.members.save(Member(community_id, "U1", is_admin=True, joined_at=T0))
    await uow.team_roles.save(community_id, TeamRole(t.id, "U1", Role.FACILITATOR))
    await uow.stage_changes.add(community_id, StageChange(t.id, 1, CycleStage.ANALYZE, T0, "U1"))
    s = await uow.sessions.add(session(t))
    c = await uow.checkins.add(checkin(t, s.id, "U1"))
    d = await uow.deliveries.add(delivery(t, session_id=s.id))
    r = await uow.reflections.add(reflection(t, "U1", delivery_id=d.id))
    await uow.pulse.save(pulse(community_id, s.id, "U1", relevant=5))
    ref = MessageRef("C1", "1.1")
    await uow.posted.add(posted(community_id, "prompt_dm", subject_id=d.id, user_id="U1", ref=ref))
    assert await uow.events.claim(community_id, "Ev1", T0)
    sch = await uow.schedules.add(schedule(t))
    stuck = await uow.schedule_runs.claim(run(sch))
    assert stuck is not None
    await uow.calendar.add(calendar_break(community_id, t.id, label="team break"))
    await uow.calendar.add(calendar_break(community_id, None, label="community break"))
    assert await uow.reminders.claim(community_id, d.id, "U1", T0)
    await uow.audit.add(audit(t, "U1"))
    await uow.withdrawals.add(PendingWithdrawal(community_id, MessageRef("C1", "1.2"), T0))
    await uow.team_prompts.add(TeamPrompt(community_id, t.id, CycleStage.LEARN, "Why?", T0))
    await uow.attendance.mark(Attendance(community_id, t.id, s.id, "U1", T0, "U1"))
    await seed_work(uow, t, "U1", "U2")
    await seed_portfolios(uow, community_id)
    await seed_minutes(uow, t, s.id, "U1", "U2")
    await seed_protocols(uow, t, s.id, "U1", "U2")
    return Seeded(t, s, c, d, r, sch, stuck)


async def test_another_community_reads_none_of_a_communitys_rows(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        a = await seed_everything(uow, A)
        await uow.communities.add(community(B))
        await uow.commit()
    t, s, d = a.team.id, a.session.id, a.delivery.id
    async with uow_factory() as uow:
        assert await uow.members.get(B, "U1") is None
        assert list(await uow.members.admins(B)) == []
        assert await uow.teams.by_channel(B, "C1") is None
        assert await uow.teams.get(B, t) is None
        assert list(await uow.cycle_records.of_cycle(B, t, 1)) == []
        assert list(await uow.cycle_records.by_user(B, "U2")) == []
        assert list(await uow.action_items.open_for(B, t)) == []
        assert list(await uow.action_items.by_owner(B, "U2")) == []
        assert list(await uow.teams.list(B)) == []
        assert await uow.team_roles.get(B, t, "U1") is None
        assert list(await uow.team_roles.facilitators(B, t)) == []
        assert list(await uow.team_roles.members(B, t)) == []
        assert list(await uow.stage_changes.list(B, t)) == []
        assert await uow.sessions.open_for(B, t) is None
        assert await uow.sessions.get(B, s) is None
        assert list(await uow.sessions.list(B, t)) == []
        assert await uow.checkins.find(B, s, "U1") is None
        assert list(await uow.checkins.for_session(B, s)) == []
        assert list(await uow.checkins.list(B, t)) == []
        assert await uow.deliveries.get(B, d) is None
        assert await uow.deliveries.latest(B, t) is None
        assert list(await uow.deliveries.list(B, t)) == []
        assert await uow.reflections.get(B, a.reflection.id) is None
        assert await uow.reflections.find(B, d, "U1") is None
        assert list(await uow.reflections.list(B, t)) == []
        assert list(await uow.reflections.by_user(B, "U1")) == []
        assert await uow.pulse.get(B, s, "U1") is None
        assert list(await uow.pulse.for_session(B, s)) == []
        assert list(await uow.pulse.by_user(B, "U1")) == []
        assert list(await uow.checkins.by_user(B, "U1")) == []
        assert list(await uow.audit.list(B)) == []
        assert list(await uow.posted.find(B, "prompt_dm", d)) == []
        assert await uow.posted.by_ref(B, MessageRef("C1", "1.1")) is None
        assert await uow.posted.latest_dm(B, "U1", "prompt_dm") is None
        assert list(await uow.team_roles.teams_of(B, "U1")) == []
        assert await uow.events.claim(B, "Ev-of-A-only", T0)
        assert await uow.schedules.get(B, a.schedule.id) is None
        assert list(await uow.schedules.for_team(B, t)) == []
        assert list(await uow.schedule_runs.recent(B, a.schedule.id, 10)) == []
        assert list(await uow.schedule_runs.stuck(B, t, at(999))) == []
        assert list(await uow.calendar.list(B)) == []
        assert await uow.calendar.get(B, (await uow.calendar.list(A))[0].id) is None
        # ...the scheduler's own query is across communities by design:
        assert [x.id for x, _ in await uow.schedules.due(at(999), 10)] == [a.schedule.id]
        # ...while the owner sees them all.
        assert await uow.reflections.get(A, a.reflection.id) == a.reflection
        assert await uow.posted.latest_dm(A, "U1", "prompt_dm") is not None


async def test_another_community_cannot_write_into_a_communitys_team_or_session(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        a = await seed_everything(uow, A)
        await uow.communities.add(community(B))
        await uow.commit()
    t, s = a.team, a.session
    in_b = replace(t, community_id=B)
    writes: list[Callable[[UnitOfWork], Awaitable[object]]] = [
        lambda uow: uow.team_roles.save(B, TeamRole(t.id, "U1", Role.TEACHER)),
        lambda uow: uow.team_roles.save(B, TeamRole(t.id, "U7", Role.ADMIN)),
        lambda uow: uow.stage_changes.add(B, StageChange(t.id, 2, CycleStage.GOALS, T0, None)),
        lambda uow: uow.sessions.save(replace(s, community_id=B, topic="hijacked")),
        lambda uow: uow.checkins.add(checkin(in_b, None, "U7")),
        lambda uow: uow.checkins.add(checkin(in_b, s.id, "U7")),
        lambda uow: uow.checkins.save(replace(a.checkin, community_id=B, score=1)),
        lambda uow: uow.deliveries.add(delivery(in_b)),
        lambda uow: uow.reflections.add(reflection(in_b, "U7")),
        lambda uow: uow.reflections.save(replace(a.reflection, community_id=B, text="x")),
        lambda uow: uow.pulse.save(pulse(B, s.id, "U1", relevant=1)),
        lambda uow: uow.pulse.save(pulse(B, s.id, "U7", relevant=1)),
        lambda uow: uow.schedules.add(schedule(in_b)),
        lambda uow: uow.schedules.save(replace(a.schedule, community_id=B, paused=True)),
        lambda uow: uow.schedule_runs.claim(run(replace(a.schedule, community_id=B), at(5))),
        lambda uow: uow.schedule_runs.finish(B, a.run.id, RunState.SENT, T0, 1),
        lambda uow: uow.calendar.add(calendar_break(B, t.id)),
        lambda uow: uow.reminders.claim(B, a.delivery.id, "U7", T0),
        lambda uow: uow.audit.add(audit(in_b, "U7")),
    ]
    async with uow_factory() as uow:
        for write in writes:
            with pytest.raises(LookupError):
                await write(uow)
        # A's team has a session open, so the one-open-session rule may fire first.
        with pytest.raises((LookupError, Conflict)):
            await uow.sessions.add(session(in_b))
        await uow.team_roles.remove(B, t.id, "U1")  # matches nothing of B's: no effect
        await uow.schedules.remove(B, a.schedule.id)
        for brk in await uow.calendar.list(A):
            await uow.calendar.remove(B, brk.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.team_roles.get(A, t.id, "U1") == TeamRole(t.id, "U1", Role.FACILITATOR)
        assert list(await uow.sessions.list(A, t.id)) == [s]
        assert await uow.checkins.find(A, s.id, "U1") == a.checkin
        assert await uow.reflections.get(A, a.reflection.id) == a.reflection
        assert list(await uow.pulse.for_session(A, s.id)) == [pulse(A, s.id, "U1", relevant=5)]
        assert len(await uow.stage_changes.list(A, t.id)) == 1
        assert await uow.schedules.get(A, a.schedule.id) == a.schedule
        assert list(await uow.schedule_runs.recent(A, a.schedule.id, 10)) == [a.run]
        assert len(await uow.calendar.list(A)) == 2


async def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return {
                table.name: int(
                    await connection.scalar(select(func.count()).select_from(table)) or 0
                )
                for table in metadata.sorted_tables
            }
    finally:
        await engine.dispose()


async def _execute(url: str, statement: str, **params: object) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement), params)
    finally:
        await engine.dispose()


async def test_deleting_a_team_deletes_its_rows_and_nothing_else(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    async with uow_factory() as uow:
        a = await seed_everything(uow, A)
        await seed_everything(uow, B)
        await uow.commit()
    await _execute(database_url, "DELETE FROM teams WHERE id = :id", id=a.team.id)
    counts = await _counts(database_url)
    # B's rows stay, and so do A's community-level rows (the community, its member and
    # the posted message, which is not a team's row).
    assert counts == {
        "communities": 2,
        "members": 2,
        "teams": 1,
        "team_roles": 1,
        "stage_changes": 1,
        "sessions": 1,
        "checkins": 1,
        "prompt_deliveries": 1,
        "reflections": 1,
        "pulse_answers": 1,
        "posted_messages": 2,
        "processed_events": 2,
        "schedules": 1,
        "schedule_runs": 1,
        "calendar_breaks": 3,  # B's two, and A's community-wide one
        "sent_reminders": 1,
        "audit_log": 1,
        "pending_withdrawals": 2,  # where a post is: it outlives the team, not the community
        "team_prompts": 1,
        "attendances": 1,
        "cycle_entries": 5,  # B's: a need, a goal, two commitments, one evidence
        "action_items": 2,
        "action_reminders": 2,
        "portfolios": 4,  # a person's, not the team's: they stay with the community
        "portfolio_evidence": 8,
        "portfolio_comments": 4,
        "agenda_items": 2,  # B's session's and B's next session's
        "meeting_roles": 2,
        "decisions": 1,
        "session_minutes": 1,
        "protocol_runs": 1,
        "protocol_steps": 1,
        "protocol_notes": 2,
    }


async def test_deleting_a_community_deletes_every_row_it_owns(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    async with uow_factory() as uow:
        await seed_everything(uow, A)
        await seed_everything(uow, B)
        await uow.commit()
    await _execute(database_url, "DELETE FROM communities WHERE id = :id", id=A)
    counts = await _counts(database_url)
    # Event claims have no foreign key (see tables.py); they are pruned by age instead.
    assert counts.pop("processed_events") == 2
    assert counts.pop("calendar_breaks") == 2  # B's team break and community-wide break
    # B's team work: a need, a goal, two commitments, one evidence; two items, each reminded
    assert [counts.pop(t) for t in ("cycle_entries", "action_items", "action_reminders")] == [
        5,
        2,
        2,
    ]
    # B's two people's portfolios, each with two pieces of evidence and a comment
    assert [counts.pop(t) for t in ("portfolios", "portfolio_evidence", "portfolio_comments")] == [
        2,
        4,
        2,
    ]
    assert [counts.pop(t) for t in ("agenda_items", "meeting_roles")] == [2, 2]  # and the next
    assert counts.pop("protocol_notes") == 2  # B's run: a note from each person
    assert set(counts.values()) == {1}


async def test_a_reflection_outlives_the_prompt_it_answered(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    async with uow_factory() as uow:
        a = await seed_everything(uow, A)
        await uow.commit()
    await _execute(database_url, "DELETE FROM prompt_deliveries WHERE id = :id", id=a.delivery.id)
    async with uow_factory() as uow:
        assert await uow.reflections.get(A, a.reflection.id) == replace(
            a.reflection, delivery_id=None
        )
