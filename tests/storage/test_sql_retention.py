"""Retention: reflections older than a community's setting go, and communities the bot was
removed from are marked so their data can go after a grace period."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, community, reflection, seed_team

JUST = timedelta(microseconds=1)


async def test_reflections_before_the_cutoff_are_deleted_and_those_at_or_after_it_stay(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    cutoff = at(90 * 24 * 60)
    async with uow_factory() as uow:
        t = await seed_team(uow, A)
        elsewhere = await seed_team(uow, B)
        await uow.reflections.add(reflection(t, "U2", created_at=cutoff - JUST))
        exactly = await uow.reflections.add(reflection(t, "U2", created_at=cutoff))
        after = await uow.reflections.add(reflection(t, "U3", created_at=cutoff + JUST))
        old_in_b = await uow.reflections.add(reflection(elsewhere, "U2", created_at=at(0)))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.rights.delete_reflections_before(A, cutoff) == 1
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.reflections.list(A, t.id)) == [exactly, after]
        assert list(await uow.reflections.list(B, elsewhere.id)) == [old_in_b]
        assert await uow.rights.delete_reflections_before(A, cutoff) == 0


async def test_every_community_is_listed_for_the_retention_job_with_its_settings(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    kept_long = replace(community(A), retention_days=365)
    removed = replace(community(B), removed_at=at(10))
    async with uow_factory() as uow:
        assert list(await uow.rights.communities()) == []
        await uow.communities.add(removed)
        await uow.communities.add(kept_long)
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.rights.communities()) == [kept_long, removed]
        assert await uow.communities.get(B) == removed


async def test_marking_a_community_removed_and_back_is_saved(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        await uow.communities.add(community(B))
        await uow.rights.mark_removed(A, at(60))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.communities.get(A) == replace(community(A), removed_at=at(60))
        assert await uow.communities.get(B) == community(B)
        await uow.rights.mark_removed(A, None)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.communities.get(A) == community(A)


async def test_marking_an_unknown_community_removed_is_a_lookup_error_and_the_uow_goes_on(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        with pytest.raises(LookupError):
            await uow.rights.mark_removed("slack:TNOPE", at(1))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.communities.get(A) == community(A)


async def test_a_naive_removal_time_is_refused(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await uow.communities.add(community(A))
        with pytest.raises(ValueError, match="naive"):
            await uow.rights.mark_removed(A, at(1).replace(tzinfo=None))
