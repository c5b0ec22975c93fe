"""A session's agenda, meeting roles, decisions and kept minutes on the fake, SQLite and
PostgreSQL: set for the next session and attached when it opens, replaced role by role,
confined to their community, kept once per session, and forgotten with a person."""

from __future__ import annotations

import pytest

from bot.minutes import AgendaItem, Decision, KeptMinutes, MeetingRole, RoleAssignment
from bot.ports import Conflict
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, seed_team, session


def item(team_id: int, session_id: int | None, text: str, minutes: int = 10) -> AgendaItem:
    return AgendaItem(0, A, team_id, session_id, minutes, text, "U1", at(0))


def role(team_id: int, session_id: int | None, kind: MeetingRole, who: str) -> RoleAssignment:
    return RoleAssignment(A, team_id, session_id, kind, who, "U1", at(1))


async def test_the_next_session_s_agenda_and_roles_become_the_opened_session_s(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow)
        await uow.meetings.add_item(item(team.id, None, "Check-in"))
        await uow.meetings.add_item(item(team.id, None, "Exit tickets", 30))
        await uow.meetings.set_role(role(team.id, None, MeetingRole.NOTE_TAKER, "U2"))
        await uow.meetings.set_role(role(team.id, None, MeetingRole.NOTE_TAKER, "U3"))
        await uow.meetings.set_role(role(team.id, None, MeetingRole.TIMEKEEPER, "U2"))
        met = await uow.sessions.add(session(team))
        await uow.meetings.attach(A, team.id, met.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.meetings.agenda(A, team.id, None) == []
        agenda = await uow.meetings.agenda(A, team.id, met.id)
        assert [(a.text, a.minutes, a.session_id) for a in agenda] == [
            ("Check-in", 10, met.id),
            ("Exit tickets", 30, met.id),
        ]
        roles = await uow.meetings.roles(A, team.id, met.id)
        assert sorted((r.role, r.user_id) for r in roles) == [
            (MeetingRole.NOTE_TAKER, "U3"),
            (MeetingRole.TIMEKEEPER, "U2"),
        ]
        await uow.meetings.remove_item(A, agenda[0].id)
        await uow.meetings.clear_role(A, team.id, met.id, MeetingRole.TIMEKEEPER)
        await uow.commit()
    async with uow_factory() as uow:
        assert [a.text for a in await uow.meetings.agenda(A, team.id, met.id)] == ["Exit tickets"]
        assert [r.user_id for r in await uow.meetings.roles(A, team.id, met.id)] == ["U3"]
        assert await uow.meetings.clear_agenda(A, team.id, met.id) == 1
        assert await uow.meetings.agenda(A, team.id, met.id) == []


async def test_decisions_and_kept_minutes_stay_in_their_community_and_are_kept_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow, A)
        await seed_team(uow, B)
        met = await uow.sessions.add(session(team))
        said = Decision(0, A, team.id, met.id, "Exit ticket on Fridays", "U2", at(5))
        assert (await uow.meetings.add_decision(said)).id > 0
        goal = ("Measure: exit ticket", "Still missing: no by when yet.")
        kept = await uow.meetings.keep(KeptMinutes(0, A, team.id, met.id, 1, goal, at(90)))
        await uow.commit()
    async with uow_factory() as uow:
        assert [d.text for d in await uow.meetings.decisions(A, met.id)] == [
            "Exit ticket on Fridays"
        ]
        assert await uow.meetings.decisions(B, met.id) == []
        assert await uow.meetings.kept(B, team.id) == []
        (held,) = await uow.meetings.kept(A, team.id)
        assert (held.id, held.goal, held.created_at) == (kept.id, goal, at(90))
        with pytest.raises(Conflict):
            await uow.meetings.keep(KeptMinutes(0, A, team.id, met.id, 1, (), at(91)))
    async with uow_factory() as uow:
        with pytest.raises(LookupError):  # a session of another community
            await uow.meetings.add_decision(Decision(0, B, team.id, met.id, "x", "U2", at(5)))


async def test_forgetting_a_person_removes_their_roles_and_keeps_what_they_wrote_for_the_team(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow)
        met = await uow.sessions.add(session(team))
        await uow.meetings.add_item(item(team.id, met.id, "Exit tickets"))
        await uow.meetings.set_role(role(team.id, met.id, MeetingRole.NOTE_TAKER, "U1"))
        await uow.meetings.set_role(role(team.id, met.id, MeetingRole.TIMEKEEPER, "U2"))
        await uow.meetings.add_decision(Decision(0, A, team.id, met.id, "Fridays", "U1", at(5)))
        await uow.commit()
    async with uow_factory() as uow:
        receipt = await uow.rights.forget_person(A, "U1")
        await uow.commit()
    assert receipt["meeting_roles"] == 1
    async with uow_factory() as uow:
        ((kind, who, by),) = [
            (r.role, r.user_id, r.assigned_by) for r in await uow.meetings.roles(A, team.id, met.id)
        ]
        assert (kind, who, by) == (MeetingRole.TIMEKEEPER, "U2", "forgotten")
        assert [a.created_by for a in await uow.meetings.agenda(A, team.id, met.id)] == [
            "forgotten"
        ]
        assert [d.written_by for d in await uow.meetings.decisions(A, met.id)] == ["forgotten"]
