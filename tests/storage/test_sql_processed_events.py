"""Platform deliveries already handled: the first claim of a key wins, repeats are refused."""

from __future__ import annotations

import asyncio

from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at


async def test_the_first_claim_of_a_key_is_true_and_every_repeat_false(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        assert await uow.events.claim(A, "Ev1", at(0)) is True
        assert await uow.events.claim(A, "Ev1", at(1)) is False  # the same unit of work
        assert await uow.events.claim(A, "Ev2", at(1)) is True  # and it stays usable
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.events.claim(A, "Ev1", at(2)) is False  # a later one


async def test_a_claim_needs_no_community_row_and_is_kept_per_community(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        assert await uow.communities.get(A) is None
        assert await uow.events.claim(A, "Ev1", at(0)) is True
        assert await uow.events.claim(B, "Ev1", at(0)) is True
        await uow.commit()


async def test_a_claim_rolled_back_with_its_use_case_can_be_claimed_again(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        assert await uow.events.claim(A, "Ev1", at(0)) is True
    async with uow_factory() as uow:
        assert await uow.events.claim(A, "Ev1", at(1)) is True


async def test_two_workers_claiming_the_same_event_at_once_get_one_true_and_one_false(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async def handle() -> bool:
        async with uow_factory() as uow:
            claimed = await uow.events.claim(A, "Ev1", at(0))
            await asyncio.sleep(0.2)  # the use case, while the other worker tries
            await uow.commit()
            return claimed

    assert sorted(await asyncio.gather(handle(), handle())) == [False, True]


async def test_prune_forgets_claims_older_than_the_cutoff_in_every_community(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await uow.events.claim(A, "old", at(0))
        await uow.events.claim(B, "old", at(5))
        await uow.events.claim(A, "new", at(10))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.events.prune(before=at(10)) == 2
        assert await uow.events.prune(before=at(10)) == 0
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.events.claim(A, "old", at(20)) is True
        assert await uow.events.claim(B, "old", at(20)) is True
        assert await uow.events.claim(A, "new", at(20)) is False
