"""A teacher's right to be forgotten and a district's right to have its community purged:
counted row by row, with raw SQL, over every table the models declare."""

from __future__ import annotations

from bot.domain import Member, Role, TeamRole
from storage.tables import metadata
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.counting import (
    attributions_of_person,
    every_row,
    rows_of_community,
    rows_of_person,
    whose,
)
from tests.storage.samples import T0, A, B, community, reflection, seed_history, team


async def _two_communities(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await seed_history(uow, A)
        await seed_history(uow, B)
        await uow.commit()


def test_every_table_is_known_to_hold_a_persons_rows_or_no_ones() -> None:
    for table in metadata.tables.values():
        whose(table)  # fails for a table nobody has classified yet


async def test_forgetting_a_person_deletes_every_row_of_theirs_in_that_community_and_nothing_else(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    await _two_communities(uow_factory)
    before = await every_row(database_url)
    theirs = await rows_of_person(database_url, A, "U2")
    assert all(theirs.values()), f"seed every kind of row a person has: {theirs}"
    colleagues = await rows_of_person(database_url, A, "U1")
    elsewhere = await rows_of_person(database_url, B, "U2")
    named = await attributions_of_person(database_url, A, "U2")
    assert named["audit_log.reader_id"] and named["teams.created_by"], named
    async with uow_factory() as uow:
        receipt = await uow.rights.forget_person(A, "U2")
        await uow.commit()
    assert receipt == {**theirs, "anonymised": sum(named.values())}
    assert set((await rows_of_person(database_url, A, "U2")).values()) == {0}
    assert set((await attributions_of_person(database_url, A, "U2")).values()) == {0}
    assert await rows_of_person(database_url, A, "U1") == colleagues
    assert await rows_of_person(database_url, B, "U2") == elsewhere
    after = await every_row(database_url)
    assert after == {name: count - theirs.get(name, 0) for name, count in before.items()}


async def test_a_forgotten_person_is_gone_from_every_repository_while_their_teams_go_on(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        math, science = await seed_history(uow, A)
        await uow.rights.forget_person(A, "U2")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U2") is None
        assert list(await uow.team_roles.teams_of(A, "U2")) == []
        assert list(await uow.team_roles.facilitators(A, science.id)) == []
        assert list(await uow.reflections.by_user(A, "U2")) == []
        assert list(await uow.checkins.by_user(A, "U2")) == []
        assert list(await uow.pulse.by_user(A, "U2")) == []
        assert await uow.posted.latest_dm(A, "U2", "prompt_dm") is None
        assert sorted(e.reader_id for e in await uow.audit.list(A)) == ["U1", "forgotten"]
        assert await uow.members.get(A, "U1") is not None
        assert len(await uow.reflections.by_user(A, "U1")) == 3
        assert await uow.teams.get(A, science.id) is not None
        assert len(await uow.sessions.list(A, math.id)) == 1


async def test_forgetting_someone_with_no_rows_deletes_nothing(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    await _two_communities(uow_factory)
    before = await every_row(database_url)
    async with uow_factory() as uow:
        receipt = await uow.rights.forget_person(A, "U-nobody")
        await uow.commit()
    assert set(receipt.values()) == {0}
    assert await every_row(database_url) == before


async def test_a_forget_not_committed_deletes_nothing_and_the_person_can_rejoin_at_once(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    await _two_communities(uow_factory)
    before = await every_row(database_url)
    async with uow_factory() as uow:
        await uow.rights.forget_person(A, "U2")
    assert await every_row(database_url) == before
    async with uow_factory() as uow:
        math = (await uow.teams.list(A))[0]
        await uow.rights.forget_person(A, "U2")
        await uow.members.save(Member(A, "U2", joined_at=T0))
        await uow.team_roles.save(A, TeamRole(math.id, "U2", Role.TEACHER))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U2") == Member(A, "U2", joined_at=T0)
        assert list(await uow.reflections.by_user(A, "U2")) == []


async def test_purging_a_community_leaves_no_row_of_it_in_any_table_and_another_untouched(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    await _two_communities(uow_factory)
    purged = await rows_of_community(database_url, A)
    assert all(purged.values()), f"seed every table: {purged}"
    kept = await rows_of_community(database_url, B)
    async with uow_factory() as uow:
        receipt = await uow.rights.purge_community(A)
        await uow.commit()
    assert receipt == purged
    assert list(receipt)[-1] == "communities"
    assert set((await rows_of_community(database_url, A)).values()) == {0}
    assert await rows_of_community(database_url, B) == kept
    assert await every_row(database_url) == kept


async def test_a_purged_community_can_start_over_in_the_same_unit_of_work(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_history(uow, A)
        await uow.rights.purge_community(A)
        assert await uow.communities.get(A) is None
        await uow.communities.add(community(A))
        await uow.members.save(Member(A, "U1", is_admin=True))
        fresh = await uow.teams.add(team(A, "C1"))
        await uow.reflections.add(reflection(fresh, "U1"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U1") == Member(A, "U1", is_admin=True)
        assert [t.id for t in await uow.teams.list(A)] == [fresh.id]
        assert len(await uow.reflections.by_user(A, "U1")) == 1


async def test_purging_an_unknown_community_deletes_nothing(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    await _two_communities(uow_factory)
    before = await every_row(database_url)
    async with uow_factory() as uow:
        receipt = await uow.rights.purge_community("slack:TNOPE")
        await uow.commit()
    assert set(receipt) == set(metadata.tables) and set(receipt.values()) == {0}
    assert await every_row(database_url) == before
