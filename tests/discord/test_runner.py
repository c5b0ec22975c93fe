"""DiscordAdapter's life: the token, sharding config, backing off a crash loop, stopping."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from adapters.discord.runner import DiscordAdapter
from adapters.discord.settings import DiscordConfig
from bot.chat_router import ChatRouter
from bot.clock import SystemClock
from bot.config import ConfigError
from bot.domain import CommunityRef
from bot.messages import text
from bot.ports import ChatError
from bot.service import PlcBot
from platform_fakes.discord.fake_discord import FakeDiscord
from tests.discord.conftest import LIBRARIES, Process, start_process
from tests.fakes import FakeStore


def core_for(adapter: DiscordAdapter) -> PlcBot:
    router = ChatRouter()
    router.add("discord", adapter.chat)
    return PlcBot(uow=FakeStore().uow, chat=router, libraries=LIBRARIES, clock=SystemClock())


async def test_without_discord_token_the_adapter_stops_with_an_error_naming_the_variable() -> None:
    adapter = DiscordAdapter(env={}, config=DiscordConfig())
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is not set"):
        await asyncio.wait_for(adapter.run(core_for(adapter), asyncio.Event()), 5)


def test_shard_ids_without_a_shard_count_are_refused_at_start() -> None:
    with pytest.raises(ConfigError, match="shard_count"):
        DiscordAdapter(env={"DISCORD_TOKEN": "x"}, config=DiscordConfig(shard_ids=(0,)))


async def test_a_token_discord_rejects_stops_the_adapter_without_retrying(
    fake: FakeDiscord,
) -> None:
    adapter = DiscordAdapter(
        env={"DISCORD_TOKEN": "not-the-token"}, config=DiscordConfig(), first_retry=0.05
    )
    with pytest.raises(ConfigError, match="did not accept the token"):
        await asyncio.wait_for(adapter.run(core_for(adapter), asyncio.Event()), 5)
    assert len(fake.calls_to("GET", r"/users/@me")) == 1


async def test_a_failing_start_is_retried_with_growing_pauses_then_connects(
    fake: FakeDiscord,
) -> None:
    fake.fail("GET", r"/users/@me", status=503, times=3)
    adapter = DiscordAdapter(
        env={"DISCORD_TOKEN": fake.token}, config=DiscordConfig(), first_retry=0.2
    )
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(core_for(adapter), stop))
    try:
        await fake.connected(1, within=10)
        logins = [c.at for c in fake.calls_to("GET", r"/users/@me")]
        gaps = [later - earlier for earlier, later in itertools.pairwise(logins)]
        assert len(logins) == 4
        assert gaps[0] >= 0.2 and gaps[1] >= 0.4 and gaps[2] >= 0.8
        assert len(fake.gateway.identifies) == 1
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def test_stopping_closes_the_client_and_the_chat_refuses_afterwards(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    process = await start_process(fake)
    (session,) = fake.gateway.sessions
    assert "shard" not in fake.gateway.identifies[0]  # a plain Client when no shards are set

    await process.close()

    assert process.task.done() and process.task.exception() is None
    await fake.gateway.wait(lambda: session.ws is None)
    with pytest.raises(ChatError):
        await process.adapter.chat.post(CommunityRef("discord", "1"), "2", text("hello"))


@pytest.mark.slow  # discord.py waits 5 s between IDENTIFYs, as Discord asks
async def test_a_shard_count_without_ids_runs_every_shard_in_one_process(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    processes.append(await start_process(fake, config=DiscordConfig(shard_count=2), wait=False))
    await fake.connected(2)
    assert sorted(i["shard"] for i in fake.gateway.identifies) == [[0, 2], [1, 2]]
