"""The session card's count of check-ins ends right when teachers check in at the same moment: a
card has one update on its way at a time, and the latest commit's goes last (bot/card_lanes.py;
that the later commit counts the earlier one: tests/storage/test_sql_sessions.py)."""

from __future__ import annotations

import asyncio

from bot.domain import CommunityRef, MessageRef
from bot.messages import Message
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
