"""The audit log of facilitators' reads: kept in order, kept apart by community, and gone
with the team (or the community) whose reflections were read."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.domain import AuditEntry
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, audit, seed_history, seed_team


async def test_audit_entries_read_back_in_time_order_and_since_a_time(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow, A)
        other = await seed_team(uow, A, "C2")
        late = audit(t, "U1", at=at(60), count=4)
        early = audit(other, "U9", what="export", at=at(10), count=0)
        same_time = audit(t, "U2", at=at(60), count=1)
        for entry in (late, early, same_time):
            await uow.audit.add(entry)
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.audit.list(A)) == [early, late, same_time]
        assert list(await uow.audit.list(A, since=at(60))) == [late, same_time]
        assert list(await uow.audit.list(A, since=at(61))) == []


async def test_a_page_of_audit_entries_comes_newest_first(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """The panel's audit log: newest first, the latest written first for equal times, a page
    at a time, and only the community's own."""
    async with uow_factory() as uow:
        t = await seed_team(uow, A)
        other = await seed_team(uow, B)
        entries = [audit(t, f"U{n}", at=at(n), count=n) for n in range(5)]
        tie = audit(t, "U9", at=at(4), count=9)
        for entry in (*entries, tie, audit(other, "U1", at=at(99))):
            await uow.audit.add(entry)
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.audit.newest(A, 0, 3)) == [tie, entries[4], entries[3]]
        assert list(await uow.audit.newest(A, 3, 3)) == [entries[2], entries[1], entries[0]]
        assert list(await uow.audit.newest(A, 6, 3)) == []


async def test_audit_entries_are_kept_apart_by_community(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        a = await seed_team(uow, A)
        b = await seed_team(uow, B)
        in_a, in_b = audit(a, "U1"), audit(b, "U1", at=at(5))
        await uow.audit.add(in_a)
        await uow.audit.add(in_b)
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.audit.list(A)) == [in_a]
        assert list(await uow.audit.list(B)) == [in_b]
        assert list(await uow.audit.list("slack:TNOPE")) == []


async def test_an_entry_about_a_team_of_another_community_is_refused_and_the_uow_goes_on(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        a = await seed_team(uow, A)
        await seed_team(uow, B)
        stray = AuditEntry(B, "U1", a.id, "reflections", 1, at(1))
        with pytest.raises(LookupError):
            await uow.audit.add(stray)
        await uow.audit.add(audit(a))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.audit.list(B)) == []
        assert list(await uow.audit.list(A)) == [audit(a)]


async def test_audit_entries_go_with_their_team_when_it_is_deleted(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    async with uow_factory() as uow:
        math, science = await seed_history(uow, A)
        await uow.commit()
    engine = make_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM teams WHERE id = :id"), {"id": math.id})
    finally:
        await engine.dispose()
    async with uow_factory() as uow:
        assert [e.team_id for e in await uow.audit.list(A)] == [science.id]


async def test_audit_entries_go_with_their_community_when_it_is_purged(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_history(uow, A)
        await seed_history(uow, B)
        await uow.commit()
    async with uow_factory() as uow:
        receipt = await uow.rights.purge_community(A)
        await uow.commit()
    assert receipt["audit_log"] == 2
    async with uow_factory() as uow:
        assert list(await uow.audit.list(A)) == []
        assert len(await uow.audit.list(B)) == 2
