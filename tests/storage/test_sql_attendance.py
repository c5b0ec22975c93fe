"""Attendance on SQLite and PostgreSQL: marked once per person and session, signed off by a
facilitator, confined to its community, and forgotten with its person (markers anonymised)."""

from __future__ import annotations

from bot.attendance import Attendance
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, seed_team, session


async def test_a_person_is_marked_once_per_session_and_a_sign_off_confirms_the_rest(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow)
        met = await uow.sessions.add(session(team))
        assert await uow.attendance.mark(Attendance(A, team.id, met.id, "U2", at(1), "U2"))
        assert not await uow.attendance.mark(Attendance(A, team.id, met.id, "U2", at(2), "U1"))
        assert await uow.attendance.mark(Attendance(A, team.id, met.id, "U3", at(3), "U1"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.attendance.confirm(A, met.id, "U1", at(60)) == 2
        assert await uow.attendance.confirm(A, met.id, "U1", at(61)) == 0
        await uow.commit()
    async with uow_factory() as uow:
        rows = await uow.attendance.for_session(A, met.id)
        assert [(r.user_id, r.marked_by, r.confirmed_by) for r in rows] == [
            ("U2", "U2", "U1"),
            ("U3", "U1", "U1"),
        ]
        assert [r.confirmed_at for r in rows] == [at(60), at(60)]
        assert [r.session_id for r in await uow.attendance.by_user(A, "U3")] == [met.id]


async def test_another_community_neither_reads_nor_signs_off_attendance(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow, A)
        await seed_team(uow, B)
        met = await uow.sessions.add(session(team))
        await uow.attendance.mark(Attendance(A, team.id, met.id, "U2", at(1), "U2"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.attendance.for_session(B, met.id) == []
        assert await uow.attendance.by_user(B, "U2") == []
        assert await uow.attendance.confirm(B, met.id, "U9", at(5)) == 0


async def test_forgetting_a_person_deletes_their_attendance_and_anonymises_their_marks(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team = await seed_team(uow)
        met = await uow.sessions.add(session(team))
        await uow.attendance.mark(Attendance(A, team.id, met.id, "U1", at(1), "U1"))
        await uow.attendance.mark(Attendance(A, team.id, met.id, "U2", at(1), "U1"))
        await uow.attendance.confirm(A, met.id, "U1", at(60))
        await uow.commit()
    async with uow_factory() as uow:
        receipt = await uow.rights.forget_person(A, "U1")
        await uow.commit()
    assert receipt["attendances"] == 1
    async with uow_factory() as uow:
        (left,) = await uow.attendance.for_session(A, met.id)
        assert (left.user_id, left.marked_by, left.confirmed_by) == ("U2", "forgotten", "forgotten")
