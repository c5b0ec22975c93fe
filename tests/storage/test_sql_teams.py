"""Teams, the roles people hold in them, and each team's way through the cycle."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain import CycleStage, Role, StageChange, TeamRole
from bot.ports import Conflict
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, community, seed_team, team


async def test_adding_a_team_returns_it_with_a_new_id_and_it_reads_back(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        first = await uow.teams.add(team(A, "C1"))
        second = await uow.teams.add(team(A, "C2"))
        await uow.commit()
    assert first.id > 0 and second.id > 0 and first.id != second.id
    assert first == replace(team(A, "C1"), id=first.id)
    async with uow_factory() as uow:
        assert await uow.teams.get(A, first.id) == first
        assert await uow.teams.by_channel(A, "C2") == second
        assert await uow.teams.by_channel(A, "C3") is None
        assert await uow.teams.get(A, 999_999) is None


async def test_a_second_team_for_the_same_channel_is_a_conflict(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow, A, "C1")
        with pytest.raises(Conflict):
            await uow.teams.add(team(A, "C1", name="again"))
        assert [t.name for t in await uow.teams.list(A)] == ["Grade 4 math"]


async def test_the_same_channel_id_in_two_communities_is_two_teams(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        in_a = await seed_team(uow, A, "C1")
        in_b = await seed_team(uow, B, "C1")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.teams.by_channel(A, "C1") == in_a
        assert await uow.teams.by_channel(B, "C1") == in_b


async def test_saving_a_team_stores_every_field(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        stored = await seed_team(uow)
        moved = replace(
            stored,
            name="Grade 4 math & science",
            timezone="Europe/Paris",
            language="fr",
            stage=CycleStage.MONITOR,
            cycle=3,
            stage_started_at=at(60),
            norms=("Stay present", "Lead with curiosity"),
        )
        await uow.teams.save(moved)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.teams.get(A, stored.id) == moved


async def test_norms_keep_the_difference_between_defaults_none_and_an_empty_list(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        defaults = await uow.teams.add(team(A, "C1", norms=None))
        emptied = await uow.teams.add(team(A, "C2", norms=()))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.teams.get(A, defaults.id) == defaults
        assert await uow.teams.get(A, emptied.id) == emptied
    assert defaults.norms is None and emptied.norms == ()


async def test_saving_a_team_that_is_not_in_the_community_is_a_lookup_error(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        stored = await seed_team(uow, A)
        await uow.communities.add(community(B))
        with pytest.raises(LookupError):
            await uow.teams.save(replace(stored, community_id=B, name="hijacked"))
        assert (await uow.teams.get(A, stored.id)) == stored


async def test_moving_a_team_onto_a_taken_channel_is_a_conflict(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        first = await seed_team(uow, A, "C1")
        await uow.teams.add(team(A, "C2"))
        with pytest.raises(Conflict):
            await uow.teams.save(replace(first, channel_id="C2"))
        assert await uow.teams.get(A, first.id) == first


async def test_list_gives_the_communitys_teams_in_the_order_they_were_made(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow, A, "C2")
        await seed_team(uow, A, "C1")
        await seed_team(uow, B, "C3")
        await uow.commit()
    async with uow_factory() as uow:
        assert [t.channel_id for t in await uow.teams.list(A)] == ["C2", "C1"]
        assert [t.channel_id for t in await uow.teams.list(B)] == ["C3"]


async def test_a_saved_role_reads_back_and_saving_again_replaces_it(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.team_roles.save(A, TeamRole(t.id, "U1", Role.FACILITATOR))
        await uow.team_roles.save(A, TeamRole(t.id, "U2", Role.TEACHER))
        await uow.team_roles.save(A, TeamRole(t.id, "U2", Role.ADMIN))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.team_roles.get(A, t.id, "U1") == TeamRole(t.id, "U1", Role.FACILITATOR)
        assert await uow.team_roles.get(A, t.id, "U2") == TeamRole(t.id, "U2", Role.ADMIN)
        assert await uow.team_roles.get(A, t.id, "U3") is None


async def test_removing_a_role_forgets_it_and_removing_a_missing_one_is_harmless(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.team_roles.save(A, TeamRole(t.id, "U1", Role.FACILITATOR))
        await uow.team_roles.remove(A, t.id, "U1")
        await uow.team_roles.remove(A, t.id, "U9")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.team_roles.get(A, t.id, "U1") is None


async def test_facilitators_are_the_team_facilitators_and_admins_not_its_teachers(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow, A, "C1")
        other = await seed_team(uow, A, "C2")
        await uow.team_roles.save(A, TeamRole(t.id, "U3", Role.FACILITATOR))
        await uow.team_roles.save(A, TeamRole(t.id, "U1", Role.ADMIN))
        await uow.team_roles.save(A, TeamRole(t.id, "U2", Role.TEACHER))
        await uow.team_roles.save(A, TeamRole(other.id, "U4", Role.FACILITATOR))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.team_roles.facilitators(A, t.id)) == ["U1", "U3"]
        assert list(await uow.team_roles.members(A, t.id)) == [
            TeamRole(t.id, "U1", Role.ADMIN),
            TeamRole(t.id, "U2", Role.TEACHER),
            TeamRole(t.id, "U3", Role.FACILITATOR),
        ]


async def test_stage_changes_list_in_the_order_they_started(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        later = StageChange(t.id, 1, CycleStage.GOALS, at(60), "U1")
        first = StageChange(t.id, 1, CycleStage.ANALYZE, at(0), None)
        await uow.stage_changes.add(A, later)
        await uow.stage_changes.add(A, first)
        await uow.stage_changes.add(A, StageChange(other.id, 1, CycleStage.LEARN, at(5), "U1"))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.stage_changes.list(A, t.id)) == [first, later]


async def test_teams_of_gives_the_roles_a_person_holds_in_each_team_of_the_community(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        first = await seed_team(uow, A, "C1")
        second = await seed_team(uow, A, "C2")
        elsewhere = await seed_team(uow, B, "C1")
        await uow.team_roles.save(A, TeamRole(second.id, "U1", Role.TEACHER))
        await uow.team_roles.save(A, TeamRole(first.id, "U1", Role.FACILITATOR))
        await uow.team_roles.save(A, TeamRole(first.id, "U2", Role.TEACHER))
        await uow.team_roles.save(B, TeamRole(elsewhere.id, "U1", Role.ADMIN))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.team_roles.teams_of(A, "U1")) == [
            TeamRole(first.id, "U1", Role.FACILITATOR),
            TeamRole(second.id, "U1", Role.TEACHER),
        ]
        assert list(await uow.team_roles.teams_of(A, "U9")) == []
