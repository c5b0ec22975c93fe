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
