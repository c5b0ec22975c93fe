"""When a forgotten person's shared reflection cannot be withdrawn at once (the platform
refuses the edit), the receipt says so, the withdrawal is kept, and the scheduler's tick
retries it with back-off until it lands (SQLite and PostgreSQL)."""

from __future__ import annotations

from bot import actions
from bot.domain import PendingWithdrawal
from bot.withdrawals import FIRST_WAIT
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text


async def pending(h: Harness, uow_factory: SqlUnitOfWorkFactory) -> list[PendingWithdrawal]:
    async with uow_factory() as uow:
        return list(await uow.withdrawals.for_community(h.community.id))


async def a_teacher_who_shared_a_reflection(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc reflect --team Words to withdraw")).ok


async def test_a_refused_withdrawal_is_reported_kept_and_retried_by_the_scheduler_until_it_lands(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_teacher_who_shared_a_reflection(h)
    shared = h.chat.posts_to("C1")[-1]
    h.chat.fail = True  # the platform refuses the edit
    receipt = reply_text(await h.click("tia", actions.forget("tia").id))
    assert "1 shared reflection is still being withdrawn; we will keep trying" in receipt
    assert "was withdrawn" not in receipt and "were withdrawn" not in receipt
    (kept,) = await pending(h, uow_factory)
    assert kept.ref == shared.ref and kept.attempts == 1
    h.chat.fail = False  # the platform accepts the edit from now on
    assert (await h.runner().tick()).withdrawn == 0  # not yet: it waits before retrying
    assert h.chat.updates() == []
    h.clock.advance(minutes=1)
    assert (await h.runner().tick()).withdrawn == 1
    (edit,) = h.chat.updates()
    assert edit.ref == shared.ref and "removed by its author" in edit.text
    assert "Words to withdraw" not in edit.text
    assert await pending(h, uow_factory) == []
    h.clock.advance(hours=7)
    assert (await h.runner().tick()).withdrawn == 0  # done once, never again


async def test_a_withdrawal_the_platform_keeps_refusing_is_tried_less_and_less_often(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_teacher_who_shared_a_reflection(h)
    h.chat.fail = True
    await h.click("tia", actions.forget("tia").id)
    waits = []
    for _ in range(4):
        (kept,) = await pending(h, uow_factory)
        waits.append(kept.next_try_at - h.clock.now())
        h.clock.advance(seconds=(kept.next_try_at - h.clock.now()).total_seconds())
        await h.runner().tick()
    assert waits == [FIRST_WAIT, 2 * FIRST_WAIT, 4 * FIRST_WAIT, 8 * FIRST_WAIT]
    assert (await pending(h, uow_factory))[0].attempts == 5


async def test_a_withdrawal_that_lands_at_once_is_reported_as_done_and_not_kept(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await a_teacher_who_shared_a_reflection(h)
    receipt = reply_text(await h.click("tia", actions.forget("tia").id))
    assert "1 shared reflection was withdrawn from the channel." in receipt
    assert "still being withdrawn" not in receipt
    assert "removed by its author" in h.chat.updates()[-1].text
    assert await pending(h, uow_factory) == []
