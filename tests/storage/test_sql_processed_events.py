"""Platform deliveries already handled: the first claim of a key wins, repeats are refused."""

from __future__ import annotations

import asyncio

from bot.ports import Claim, UnitOfWork
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, seed_team


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


# The context read may claim the request's delivery in the same statement (PostgreSQL does:
# one round trip fewer); Standing.claimed then says how it went, else the caller claims. Either
# way the claim must behave exactly as ProcessedEvents.claim's.


async def claim_with_the_read(uow: UnitOfWork, community_id: str, key: str, when: int) -> bool:
    """What bot/attempt.py does: the claim made with the context read, else on its own."""
    known = await uow.communities.standing(community_id, "U1", "C1", Claim(key, at(when)))
    if known.claimed is not None:
        return known.claimed
    return await uow.events.claim(community_id, key, at(when))


async def test_a_claim_made_with_the_context_read_refuses_every_repeat(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
        await uow.commit()
    async with uow_factory() as uow:
        assert await claim_with_the_read(uow, A, "Ev1", 0) is True
        known = await uow.communities.standing(A, "U1", "C1", Claim("Ev2", at(0)))
        assert known.community is not None and known.team is not None  # still the context
        await uow.commit()
    async with uow_factory() as uow:
        assert await claim_with_the_read(uow, A, "Ev1", 1) is False  # a replay
        assert await uow.events.claim(A, "Ev1", at(1)) is False  # by either way of claiming
        assert await claim_with_the_read(uow, B, "Ev1", 1) is True  # kept per community


async def test_a_claim_made_with_the_read_of_a_community_not_recorded_yet_is_a_claim(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        assert await claim_with_the_read(uow, A, "Ev1", 0) is True
        assert (await uow.communities.standing(A, "U1", "C1")).community is None
        await uow.commit()
    async with uow_factory() as uow:
        assert await claim_with_the_read(uow, A, "Ev1", 1) is False


async def test_a_claim_made_with_the_read_rolls_back_with_the_unit_of_work(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
        await uow.commit()
    async with uow_factory() as uow:
        assert await claim_with_the_read(uow, A, "Ev1", 0) is True
        await uow.rollback()  # the step failed: bot/attempt.py then claims alone
        assert await uow.events.claim(A, "Ev1", at(0)) is True
    async with uow_factory() as uow:  # and that was not committed either
        assert await claim_with_the_read(uow, A, "Ev1", 1) is True


async def test_two_workers_claiming_with_the_read_at_once_get_one_true_and_one_false(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        await seed_team(uow)
        await uow.commit()

    async def handle() -> bool:
        async with uow_factory() as uow:
            claimed = await claim_with_the_read(uow, A, "Ev1", 0)
            await asyncio.sleep(0.2)  # the use case, while the other worker tries
            await uow.commit()
            return claimed

    assert sorted(await asyncio.gather(handle(), handle())) == [False, True]
