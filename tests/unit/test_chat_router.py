import pytest

from bot.chat_router import ChatRouter
from bot.domain import CommunityRef
from bot.messages import text
from bot.ports import ChatError
from tests.fakes import FakeChat


async def test_posts_go_to_the_adapter_of_the_community_s_platform() -> None:
    slack, discord = FakeChat(), FakeChat()
    router = ChatRouter({"slack": slack, "discord": discord})
    await router.post(CommunityRef("discord", "G1"), "C9", text("hi"))
    await router.dm(CommunityRef("slack", "T1"), "U1", text("hello"))
    assert [s.where for s in discord.sent] == ["C9"] and [s.where for s in slack.sent] == ["U1"]


async def test_a_platform_not_running_here_is_a_chat_error_not_a_crash() -> None:
    with pytest.raises(ChatError, match="no adapter for slack"):
        await ChatRouter().post(CommunityRef("slack", "T1"), "C1", text("hi"))


async def test_background_delivery_answers_first_and_posts_afterwards() -> None:
    import asyncio

    from bot.service import PlcBot
    from tests.harness import LIBRARIES, Harness

    h = Harness()
    gate = asyncio.Event()
    slow = h.chat
    slow.gate = gate  # the platform answers posts only once the gate opens
    h.bot = PlcBot(
        uow=h.store.uow,
        chat=slow,
        libraries=LIBRARIES,
        clock=h.clock,
        deliver_in_background=True,
    )
    out = await h.say("ana", "/plc team create Science")
    assert out.ok and slow.posts_to("C1") == []  # answered while the channel post waits
    gate.set()
    await h.bot.drain()
    assert "Welcome, Science" in slow.posts_to("C1")[0].text
