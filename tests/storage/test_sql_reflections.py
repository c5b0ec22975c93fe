"""Prompts sent to a team, the reflections answering them, and the messages the bot posted."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.domain import CycleStage, MessageRef, PostedMessage, Visibility
from bot.ports import Conflict
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, at, delivery, posted, reflection, seed_team, session


async def test_a_delivery_gets_an_id_and_reads_back(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t))
        sent = await uow.deliveries.add(delivery(t, session_id=s.id, kind="closing"))
        loose = await uow.deliveries.add(delivery(t, stage=CycleStage.GOALS))
        await uow.commit()
    assert sent.id > 0 and sent == replace(delivery(t, session_id=s.id, kind="closing"), id=sent.id)
    async with uow_factory() as uow:
        assert await uow.deliveries.get(A, sent.id) == sent
        assert await uow.deliveries.get(A, loose.id) == loose
        assert await uow.deliveries.get(A, loose.id + 1) is None


async def test_latest_delivery_is_the_last_sent_and_list_keeps_sending_order(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        assert await uow.deliveries.latest(A, t.id) is None
        last = await uow.deliveries.add(delivery(t, prompt_id="p3", sent_at=at(300)))
        first = await uow.deliveries.add(delivery(t, prompt_id="p1", sent_at=at(100)))
        middle = await uow.deliveries.add(delivery(t, prompt_id="p2", sent_at=at(200)))
        await uow.deliveries.add(delivery(other, prompt_id="p9", sent_at=at(999)))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.deliveries.latest(A, t.id) == last
        assert list(await uow.deliveries.list(A, t.id)) == [first, middle, last]
        assert list(await uow.deliveries.list(A, t.id, since=at(200))) == [middle, last]


async def test_a_reflection_is_added_read_found_and_edited(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        d = await uow.deliveries.add(delivery(t))
        added = await uow.reflections.add(reflection(t, "U2", delivery_id=d.id))
        await uow.commit()
    assert added.id > 0 and added == replace(reflection(t, "U2", delivery_id=d.id), id=added.id)
    async with uow_factory() as uow:
        assert await uow.reflections.get(A, added.id) == added
        assert await uow.reflections.find(A, d.id, "U2") == added
        assert await uow.reflections.find(A, d.id, "U3") is None
        edited = replace(
            added, text="On second thought…", visibility=Visibility.TEAM, edited_at=at(5)
        )
        await uow.reflections.save(edited)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.reflections.get(A, added.id) == edited


async def test_reflections_list_for_a_team_since_a_time_and_for_a_person(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        late = await uow.reflections.add(reflection(t, "U2", created_at=at(60)))
        early = await uow.reflections.add(reflection(t, "U3", created_at=at(0)))
        elsewhere = await uow.reflections.add(reflection(other, "U2", created_at=at(30)))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.reflections.list(A, t.id)) == [early, late]
        assert list(await uow.reflections.list(A, t.id, since=at(1))) == [late]
        assert list(await uow.reflections.by_user(A, "U2")) == [elsewhere, late]
        assert list(await uow.reflections.by_user(A, "U9")) == []


async def test_a_posted_message_is_found_by_subject_and_by_its_platform_ref(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    card = posted(A, "session_card", subject_id=7, ref=MessageRef("C1", "111.1"))
    again = posted(A, "session_card", subject_id=7, ref=MessageRef("C2", "222.2"))
    async with uow_factory() as uow:
        await seed_team(uow)
        await uow.posted.add(card)
        await uow.posted.add(again)
        await uow.posted.add(posted(A, "pulse", subject_id=7, ref=MessageRef("C1", "333.3")))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.posted.find(A, "session_card", 7)) == [card, again]
        assert list(await uow.posted.find(A, "session_card", 8)) == []
        assert await uow.posted.by_ref(A, MessageRef("C2", "222.2")) == again
        assert await uow.posted.by_ref(A, MessageRef("C1", "222.2")) is None


async def test_latest_dm_is_the_last_message_of_that_kind_to_that_person(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    def dm(user: str, kind: str, message_id: str) -> PostedMessage:
        return posted(A, kind, user_id=user, ref=MessageRef(f"D-{user}", message_id))

    async with uow_factory() as uow:
        await seed_team(uow)
        for user, kind, message_id in [
            ("U2", "prompt_dm", "1"),
            ("U2", "prompt_dm", "2"),
            ("U2", "pulse", "3"),
            ("U3", "prompt_dm", "4"),
        ]:
            await uow.posted.add(dm(user, kind, message_id))
        await uow.commit()
    async with uow_factory() as uow:
        latest = await uow.posted.latest_dm(A, "U2", "prompt_dm")
        assert latest == dm("U2", "prompt_dm", "2")
        assert await uow.posted.latest_dm(A, "U4", "prompt_dm") is None


async def test_a_posted_message_without_a_time_or_user_keeps_none(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    bare = posted(A, "prompt", posted_at=None, user_id=None)
    async with uow_factory() as uow:
        await seed_team(uow)
        await uow.posted.add(bare)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.posted.by_ref(A, bare.ref) == bare


async def test_a_second_answer_to_the_same_prompt_by_the_same_person_is_a_conflict(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        d = await uow.deliveries.add(delivery(t))
        first = await uow.reflections.add(reflection(t, "U2", delivery_id=d.id))
        with pytest.raises(Conflict):
            await uow.reflections.add(reflection(t, "U2", delivery_id=d.id, text="again"))
        # The same transaction goes on: the first answer kept, other answers accepted.
        colleague = await uow.reflections.add(reflection(t, "U3", delivery_id=d.id))
        await uow.reflections.add(reflection(t, "U2", text="a note without a prompt"))
        await uow.reflections.add(reflection(t, "U2", text="another note"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.reflections.find(A, d.id, "U2") == first
        assert await uow.reflections.find(A, d.id, "U3") == colleague
        assert len(await uow.reflections.by_user(A, "U2")) == 3


async def test_moving_an_answer_onto_a_prompt_the_person_answered_already_is_a_conflict(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        d = await uow.deliveries.add(delivery(t))
        first = await uow.reflections.add(reflection(t, "U2", delivery_id=d.id))
        loose = await uow.reflections.add(reflection(t, "U2"))
        with pytest.raises(Conflict):
            await uow.reflections.save(replace(loose, delivery_id=d.id))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.reflections.get(A, loose.id) == loose
        assert await uow.reflections.find(A, d.id, "U2") == first


async def test_two_answers_racing_to_the_same_prompt_leave_exactly_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        d = await uow.deliveries.add(delivery(t))
        await uow.commit()

    async def answer(words: str) -> str:
        try:
            async with uow_factory() as uow:
                await uow.reflections.add(reflection(t, "U2", delivery_id=d.id, text=words))
                await asyncio.sleep(0.2)  # hold the transaction while the other one tries
                await uow.commit()
                return "answered"
        except Conflict:
            return "conflict"

    outcomes = await asyncio.gather(answer("first"), answer("second"))
    assert sorted(outcomes) == ["answered", "conflict"]
    async with uow_factory() as uow:
        assert len(await uow.reflections.by_user(A, "U2")) == 1


async def test_a_persons_prompt_dms_are_found_across_communities_of_one_platform_newest_first(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    from datetime import UTC, datetime

    from bot.domain import Community, MessageRef, PostedMessage

    NOW = datetime(2026, 9, 14, 15, tzinfo=UTC)

    async with uow_factory() as uow:
        for cid in ("discord:1", "discord:2", "slack:T1"):
            await uow.communities.add(Community(cid, cid.split(":")[0], cid.split(":")[1], NOW))
        for cid in ("discord:1", "discord:2", "slack:T1"):
            await uow.posted.add(
                PostedMessage(cid, "prompt_dm", 1, MessageRef("D1", f"m-{cid}"), "U9", NOW)
            )
        await uow.posted.add(PostedMessage("discord:1", "pulse", 1, MessageRef("D1", "x"), "U9"))
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.posted.dms_to("discord", "U9", "prompt_dm")
        assert [p.community_id for p in found] == ["discord:2", "discord:1"]
        assert [p.community_id for p in await uow.posted.dms_to("slack", "U9", "prompt_dm")] == [
            "slack:T1"
        ]
        assert await uow.posted.dms_to("discord", "U0", "prompt_dm") == []


async def test_the_dm_a_reply_quotes_is_found_by_its_message_whichever_community_sent_it(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    from datetime import UTC, datetime

    from bot.domain import Community, MessageRef, PostedMessage

    NOW = datetime(2026, 9, 14, 15, tzinfo=UTC)
    async with uow_factory() as uow:
        for cid in ("discord:1", "discord:2"):
            await uow.communities.add(Community(cid, "discord", cid.split(":")[1], NOW))
        first = PostedMessage("discord:1", "prompt_dm", 7, MessageRef("D1", "m1"), "U9", NOW)
        second = PostedMessage("discord:2", "prompt_dm", 8, MessageRef("D1", "m2"), "U9", NOW)
        await uow.posted.add(first)
        await uow.posted.add(second)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.posted.dm_by_ref("discord", "U9", MessageRef("D1", "m1")) == first
        assert await uow.posted.dm_by_ref("discord", "U9", MessageRef("D1", "m2")) == second
        assert await uow.posted.dm_by_ref("discord", "U8", MessageRef("D1", "m1")) is None
        assert await uow.posted.dm_by_ref("slack", "U9", MessageRef("D1", "m1")) is None
