"""A team's record and action items on SQLite and PostgreSQL, as their use cases read them: a
cycle's entries in the order written, the open items by due date, the items made in a span
(both ends in), an item saved only in its community; and posted DMs found on the right
platform. Their statements are built once (storage/statements.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain import MessageRef, PostedKind
from bot.work import ActionItem, ActionStatus, CycleEntry, EntryKind
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import DAY, A, B, at, posted, seed_team

pytestmark = pytest.mark.sql_only


def action(team_id: int, text: str, due_day: int, made: int) -> ActionItem:
    return ActionItem(0, A, team_id, "U2", text, at(due_day * DAY).date(), "U1", at(made))


async def test_open_items_come_by_due_date_and_a_span_holds_both_its_ends(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        late = await uow.action_items.add(action(t.id, "Rubric", 3, made=10))
        soon = await uow.action_items.add(action(t.id, "Tickets", 1, made=20))
        done = await uow.action_items.add(action(t.id, "Norms", 2, made=30))
        assert soon.id > 0 and (soon.done_at, soon.done_by) == (None, None)
        finished = replace(done, status=ActionStatus.DONE, done_at=at(40), done_by="U3")
        await uow.action_items.save(finished)
        await uow.commit()
    async with uow_factory() as uow:
        assert [i.text for i in await uow.action_items.open_for(A, t.id)] == ["Tickets", "Rubric"]
        assert await uow.action_items.get(A, done.id) == finished
        assert await uow.action_items.get(B, done.id) is None
        span = await uow.action_items.created_between(A, t.id, at(10), at(20))
        assert span == [late, soon]  # in the order made; both ends in
        assert await uow.action_items.created_between(A, t.id, at(11), at(19)) == []
        with pytest.raises(LookupError):  # another community's item is not there
            await uow.action_items.save(replace(finished, community_id=B))
        with pytest.raises(LookupError):
            await uow.action_items.save(replace(finished, id=finished.id + 100))


async def test_a_cycles_entries_come_in_the_order_written_and_only_that_cycles(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        for n, (cycle, text) in enumerate([(1, "b"), (2, "other"), (1, "a")]):
            entry = CycleEntry(0, A, t.id, cycle, EntryKind.COMMITMENT, text, "U1", at(n))
            await uow.cycle_records.add(entry)
        await uow.commit()
    async with uow_factory() as uow:
        assert [e.text for e in await uow.cycle_records.of_cycle(A, t.id, 1)] == ["b", "a"]
        assert await uow.cycle_records.of_cycle(B, t.id, 1) == []


async def test_a_persons_dms_are_found_on_their_platform_only(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    ref = MessageRef("D1", "1.5")
    async with uow_factory() as uow:
        await seed_team(uow)
        for n in range(3):
            sent = posted(A, PostedKind.PROMPT_DM, subject_id=n, user_id="U2", posted_at=at(n))
            await uow.posted.add(replace(sent, ref=ref if n == 1 else MessageRef("D1", f"{n}")))
        await uow.commit()
    async with uow_factory() as uow:
        dms = await uow.posted.dms_to("slack", "U2", PostedKind.PROMPT_DM)
        assert [d.subject_id for d in dms] == [2, 1, 0]  # newest first
        two = await uow.posted.dms_to("slack", "U2", PostedKind.PROMPT_DM, 2)
        assert [d.subject_id for d in two] == [2, 1]
        assert await uow.posted.dms_to("discord", "U2", PostedKind.PROMPT_DM) == []
        quoted = await uow.posted.dm_by_ref("slack", "U2", ref)
        assert quoted is not None and quoted.subject_id == 1
        assert await uow.posted.dm_by_ref("discord", "U2", ref) is None
        assert await uow.posted.by_ref(A, ref) == quoted
        assert await uow.posted.latest_dm(A, "U2", PostedKind.PROMPT_DM) == dms[0]
