"""The session card's count of check-ins ends right when teachers check in at the same moment:
each update is counted after the commits before it, and a card has one update on its way at a
time (bot/card_lanes.py)."""

from __future__ import annotations

import asyncio

from bot.card_lanes import FRESH_SECONDS, CardLanes
from bot.domain import CommunityRef, MessageRef
from bot.messages import Message, text
from bot.outcome import SessionCardOf, Update
from tests.fakes import FakeChat
from tests.harness import Harness
from tests.unit.test_sessions import open_session


class HeldChat:
    """The harness's chat, with its first card update held on its way until `release`."""

    def __init__(self, chat: FakeChat) -> None:
        self.real = chat.update
        self.held = asyncio.Event()
        self.release = asyncio.Event()
        self.calls = 0
        chat.update = self.update  # type: ignore[method-assign]

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        self.calls += 1
        if self.calls == 1:
            self.held.set()
            await self.release.wait()
        await self.real(community, ref, message)


async def test_two_check_ins_at_once_leave_the_card_counting_both(h: Harness) -> None:
    await open_session(h)
    before = len(h.chat.updates())
    chat = HeldChat(h.chat)
    first = asyncio.create_task(h.say("tia", "/plc checkin 4"))
    await chat.held.wait()  # tia's check-in is committed; her card update is on its way
    assert (await h.say("uma", "/plc checkin 2")).ok
    chat.release.set()
    assert (await first).ok
    updates = h.chat.updates()[before:]
    # Before: uma's update ("2 people") landed first and tia's ("1 person") after it.
    assert "2 people have checked in" in updates[-1].text, [u.text for u in updates]


async def test_check_ins_while_an_update_is_on_its_way_cost_one_more_update_not_one_each(
    h: Harness,
) -> None:
    await open_session(h)
    before = len(h.chat.updates())
    chat = HeldChat(h.chat)
    first = asyncio.create_task(h.say("tia", "/plc checkin 4"))
    await chat.held.wait()
    for user in ("uma", "vic", "wes"):
        assert (await h.say(user, "/plc checkin 3")).ok
    chat.release.set()
    await first
    updates = h.chat.updates()[before:]
    assert [u.text.count("checked in") for u in updates] == [1, 1]  # tia's, then one for all
    assert "4 people have checked in" in updates[-1].text


async def test_a_check_in_alone_updates_its_card_once(h: Harness) -> None:
    await open_session(h)
    before = len(h.chat.updates())
    assert (await h.say("tia", "/plc checkin 4")).ok
    updates = h.chat.updates()[before:]
    assert len(updates) == 1 and "1 person has checked in" in updates[0].text


async def test_when_the_card_cannot_be_read_again_the_commits_own_rendering_is_sent() -> None:
    async def unreadable(community: CommunityRef, card: SessionCardOf) -> list[Update] | None:
        return None  # the database did not answer

    chat = FakeChat()
    community = CommunityRef("console", "T1")
    ref = MessageRef("C1", "m1")
    as_committed = Update(ref, text("3 people have checked in."), SessionCardOf(1, 7))
    await CardLanes(unreadable).update(chat, community, as_committed)
    assert [u.text for u in chat.updates()] == ["3 people have checked in."]


async def test_an_update_soon_after_the_cards_last_is_counted_again_after_its_commit() -> None:
    """Within FRESH_SECONDS of the card's last update, a transaction may have counted before
    the other's commit: its update is rendered from what is committed. Further apart, the
    commit's own rendering is right and is sent as it is."""
    now = [0.0]
    card = SessionCardOf(1, 7)
    ref = MessageRef("C1", "m1")

    async def committed_now(community: CommunityRef, which: SessionCardOf) -> list[Update] | None:
        return [Update(ref, text(f"counted again at {now[0]:g}"), which)]

    chat = FakeChat()
    lanes = CardLanes(committed_now, clock=lambda: now[0])
    community = CommunityRef("console", "T1")
    for at in (0.0, FRESH_SECONDS / 2, FRESH_SECONDS * 3):
        now[0] = at
        await lanes.update(chat, community, Update(ref, text(f"as committed at {at:g}"), card))
    assert [u.text for u in chat.updates()] == [
        "as committed at 0",
        f"counted again at {FRESH_SECONDS / 2:g}",
        f"as committed at {FRESH_SECONDS * 3:g}",
    ]
