"""Communities and the people in them."""

from __future__ import annotations

from dataclasses import replace

from bot.domain import Member, Role, TeamRole
from bot.ports import Standing
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import T0, A, B, community, seed_team


async def test_a_community_added_reads_back_as_it_was_given(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    given = replace(community(A), retention_days=365)
    async with uow_factory() as uow:
        await uow.communities.add(given)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.communities.get(A) == given


async def test_a_communitys_platform_name_is_stored_and_follows_a_rename(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(replace(community(A), name="Lincoln Elementary"))
        await uow.communities.add(community(B))
        await uow.commit()
    async with uow_factory() as uow:
        assert (await uow.communities.get(A)).name == "Lincoln Elementary"  # type: ignore[union-attr]
        await uow.communities.rename(A, "Lincoln Elementary School")
        await uow.commit()
    async with uow_factory() as uow:
        renamed = await uow.communities.get(A)
        standing = await uow.communities.standing(A, "U1", None)
        assert renamed is not None and renamed.name == "Lincoln Elementary School"
        assert standing.community == renamed
        assert (await uow.communities.get(B)).name is None  # type: ignore[union-attr]


async def test_an_unknown_community_reads_as_none(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.communities.get("slack:TNOPE") is None


async def test_adding_a_community_that_exists_keeps_the_first_and_raises_nothing(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.communities.add(replace(community(A), retention_days=30))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.communities.get(A) == community(A)


async def test_adding_the_same_community_twice_in_one_unit_of_work_is_harmless(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.communities.add(community(A))
        assert await uow.communities.get(A) == community(A)
        await uow.communities.add(community(A))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.communities.get(A) == community(A)


async def test_a_saved_member_reads_back_and_a_second_save_updates_it(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    member = Member(A, "U1", is_admin=False, reminders=True, joined_at=T0)
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.members.save(member)
        assert await uow.members.get(A, "U1") == member
        await uow.members.save(replace(member, reminders=False, is_admin=True))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U1") == replace(member, reminders=False, is_admin=True)
        assert await uow.members.get(A, "U2") is None


async def test_a_member_without_a_join_date_keeps_none(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.members.save(Member(A, "U1"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U1") == Member(A, "U1", joined_at=None)


async def test_admins_lists_the_communitys_admins_by_user_id(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for cid in (A, B):
            await uow.communities.add(community(cid))
        await uow.members.save(Member(A, "U3", is_admin=True))
        await uow.members.save(Member(A, "U1", is_admin=True))
        await uow.members.save(Member(A, "U2", is_admin=False))
        await uow.members.save(Member(B, "U9", is_admin=True))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.members.admins(A)) == ["U1", "U3"]
        assert list(await uow.members.admins(B)) == ["U9"]
        assert list(await uow.members.admins("slack:TNOPE")) == []


async def test_the_same_user_id_in_two_communities_is_two_members(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        for cid in (A, B):
            await uow.communities.add(community(cid))
        await uow.members.save(Member(A, "U1", is_admin=True))
        await uow.members.save(Member(B, "U1", reminders=False))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.members.get(A, "U1") == Member(A, "U1", is_admin=True)
        assert await uow.members.get(B, "U1") == Member(B, "U1", reminders=False)


async def test_standing_reads_community_member_team_and_role_as_each_read_alone(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """The one-statement read every request starts with gives what the four reads give, with
    None where a part is missing, and nothing of another community or channel."""
    async with uow_factory() as uow:
        assert await uow.communities.standing(A, "U1", "C1") == Standing(None, None, None, None)
        grade4 = await seed_team(uow, A, "C1")
        await seed_team(uow, B, "C1")
        await uow.members.save(Member(A, "U1", is_admin=True, reminders=False, joined_at=T0))
        await uow.members.save(Member(A, "U2", joined_at=T0))
        await uow.members.save(Member(B, "U3", joined_at=T0))
        await uow.team_roles.save(A, TeamRole(grade4.id, "U2", Role.FACILITATOR))
        await uow.commit()
    async with uow_factory() as uow:
        a = await uow.communities.get(A)
        u1, u2 = await uow.members.get(A, "U1"), await uow.members.get(A, "U2")
        role = await uow.team_roles.get(A, grade4.id, "U2")
        assert role is not None and u1 is not None and u2 is not None
        assert await uow.communities.standing(A, "U2", "C1") == Standing(a, u2, grade4, role)
        assert await uow.communities.standing(A, "U1", "C1") == Standing(a, u1, grade4, None)
        assert await uow.communities.standing(A, "U1", None) == Standing(a, u1, None, None)
        assert await uow.communities.standing(A, "U2", "C9") == Standing(a, u2, None, None)
        # U3 is a member of B only; B's team in C1 is not A's.
        assert await uow.communities.standing(A, "U3", "C1") == Standing(a, None, grade4, None)
