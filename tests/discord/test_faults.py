"""Faults and bad input, each against the fake Discord: gateway reconnects, restarts, 429s, a
slow core, hostile text, over-long reflections, several guilds, several shards."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import TracebackType

import pytest

from adapters.discord.settings import DiscordConfig
from bot.ports import UnitOfWork
from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_payloads import guild_id_on_shard
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.discord.conftest import Process, School, button, open_school, start_process
from tests.fakes import FakeStore

HOSTILE = "@everyone @here <@123456789012345678> <@&123456789012345678> **loud**"


async def test_after_op_7_the_client_resumes_and_each_interaction_is_handled_once(
    school: School,
) -> None:
    fake = school.fake
    session = fake.gateway.session_for(school.guild.id)
    await fake.gateway.reconnect(session)
    during = await fake.slash("plc cycle show", school.tom, school.channel)  # while away
    await asyncio.wait_for(session.resumed.wait(), 10)
    after = await fake.slash("plc norms show", school.tom, school.channel)

    for interaction in (await fake.answered(during), await fake.answered(after)):
        assert [status for status, _ in interaction.attempts] == [200]
    await asyncio.sleep(0.3)  # nothing answers twice, late
    assert len(during.attempts) == len(after.attempts) == 1
    assert len(fake.gateway.identifies) == 1 and session.resumes == 1
    assert fake.gateway.resume_requests[0]["session_id"] == session.id
    assert school.process.seen.count(str(school.guild.id)) == 5  # 3 in the fixture, 2 here


async def test_after_a_dropped_connection_the_client_resumes_and_what_came_meanwhile_is_handled_once(
    school: School,
) -> None:
    """The connection goes without a close frame (a network fault, not op 7): the command sent
    while the client is away is queued in the session, replayed on RESUME and answered once."""
    fake = school.fake
    session = fake.gateway.session_for(school.guild.id)
    await fake.gateway.drop(session)
    during = await fake.slash("plc cycle show", school.tom, school.channel)
    await asyncio.wait_for(session.resumed.wait(), 10)
    answered = await fake.answered(during)

    assert [status for status, _ in answered.attempts] == [200]
    assert "cycle 1" in answered.plain
    assert len(fake.gateway.identifies) == 1 and session.resumes == 1
    assert school.process.seen.count(str(school.guild.id)) == 4  # 3 in the fixture, 1 here


async def test_a_button_on_a_card_posted_by_an_earlier_process_still_works(
    fake: FakeDiscord, processes: list[Process], tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'plcbot.sqlite3'}"
    await upgrade(url)
    engine = make_engine(url)
    try:
        uow = SqlUnitOfWorkFactory(engine)
        school = await open_school(fake, processes, uow=uow)
        await school.say(school.fay, "plc session open", topic="Fractions")
        (card,) = [m for m in fake.posts_in(school.channel) if "Session open" in m["content"]]
        await school.process.close()

        processes.append(await start_process(fake, uow=uow))  # a new client, the same database
        answer = await school.click(school.tom, card, button(card, "5"))

        assert "Checked in: 5" in str(answer.modal)  # answered, with the word's small form
        assert fake.calls_to("PATCH", rf"/channels/{school.channel}/messages/{card['id']}")
        assert "1 person has checked in" in fake.messages[int(card["id"])]["content"]
    finally:
        await engine.dispose()


async def test_a_channel_post_answered_with_429_is_posted_once_after_the_wait(
    school: School,
) -> None:
    fake = school.fake
    route = rf"/channels/{school.channel}/messages"
    fake.rate_limit("POST", route, times=1, retry_after=0.4)
    before = len(fake.calls_to("POST", route))

    answer = await school.say(school.fay, "plc session open", topic="Fractions")

    assert "Session opened" in answer.plain
    attempts = fake.calls_to("POST", route)[before:]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.4
    assert len([m for m in fake.posts_in(school.channel) if "Session open" in m["content"]]) == 1


class SlowUnitsOfWork:
    """The store's units of work, the next ones entered only after a pause (a slow database)."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.delays: list[float] = []

    def __call__(self) -> UnitOfWork:
        return _Slow(self.store.uow(), self.delays.pop(0) if self.delays else 0.0)  # type: ignore[return-value]


class _Slow:
    def __init__(self, inner: UnitOfWork, delay: float) -> None:
        self.inner, self.delay = inner, delay

    async def __aenter__(self) -> UnitOfWork:
        await asyncio.sleep(self.delay)
        return await self.inner.__aenter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.inner.__aexit__(kind, exc, tb)


@pytest.mark.slow
async def test_a_core_that_takes_5_s_is_deferred_in_time_and_answered_by_follow_up(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    store = FakeStore()
    slow = SlowUnitsOfWork(store)
    school = await open_school(fake, processes, store=store, uow=slow)
    slow.delays.append(5.0)

    interaction = await fake.slash("plc cycle show", school.tom, school.channel)
    await fake.answered(interaction, within=10)

    (status, initial), *rest = interaction.attempts
    assert (status, initial["type"], initial["data"]["flags"]) == (
        200,
        5,
        64,
    )  # deferred, ephemeral
    assert rest == []
    first_response = fake.calls_to("POST", rf"/interactions/{interaction.id}/.+/callback")[0]
    assert first_response.at - interaction.created < 3.0
    assert interaction.followups and "cycle 1" in interaction.plain
    assert interaction.ephemeral


async def test_everyone_here_and_user_mentions_in_peoples_text_ping_nobody(school: School) -> None:
    await school.say(school.fay, "plc session open", topic=HOSTILE)
    await school.say(school.tom, "plc checkin", score=4, word="@everyone")
    await school.say(school.fay, "plc prompt send")
    await school.say(school.tom, "plc reflect", text=HOSTILE, visibility="team")
    await school.say(school.fay, "plc norms add", text=HOSTILE)
    await school.say(school.fay, "plc session close")

    bodies = school.fake.message_bodies()
    assert len(bodies) > 10
    for call, body in bodies:
        assert body.get("allowed_mentions") == {"parse": []}, (call.method, call.path)
        text = (body.get("content") or "") + "".join(
            e.get("description", "") for e in body.get("embeds") or []
        )
        for mention in ("@everyone", "@here", "<@123456789012345678>", "<@&123456789012345678>"):
            assert mention not in text, (call.path, text)
    shared = [
        m for m in school.fake.posts_in(school.channel) if "shared a reflection" in m["content"]
    ]
    assert "@\u200beveryone" in shared[0]["content"] and "\\*\\*loud\\*\\*" in shared[0]["content"]


async def test_a_reflection_over_4000_characters_through_the_slash_option_is_refused_and_not_stored(
    school: School,
) -> None:
    await school.say(school.fay, "plc prompt send")
    posts_before = len(school.fake.posts_in(school.channel))

    answer = await school.say(school.tom, "plc reflect", text="word " * 850, visibility="team")

    assert "the limit is 4,000" in answer.plain and "Nothing was saved" in answer.plain
    assert not school.process.store.state.reflections
    assert len(school.fake.posts_in(school.channel)) == posts_before


async def test_two_guilds_are_kept_apart(fake: FakeDiscord, processes: list[Process]) -> None:
    lincoln_guild, roosevelt_guild = fake.add_guild("Lincoln"), fake.add_guild("Roosevelt")
    process = await start_process(fake)
    lincoln = await open_school(fake, processes, guild=lincoln_guild, process=process)
    roosevelt = await open_school(fake, processes, guild=roosevelt_guild, process=process)

    opened = await lincoln.say(lincoln.fay, "plc session open", topic="Fractions")
    assert "Session opened" in opened.plain
    closing = await roosevelt.say(roosevelt.fay, "plc session close")
    assert "no open session" in closing.plain
    elsewhere = await roosevelt.say(lincoln.ana, "plc stage next")  # an admin of Lincoln only
    assert "Only a facilitator" in elsewhere.plain
    await roosevelt.say(roosevelt.tom, "plc reflect", text="Roosevelt only.")

    state = process.store.state
    assert set(state.communities) == {
        f"discord:{lincoln_guild.id}",
        f"discord:{roosevelt_guild.id}",
    }
    (reflection,) = state.reflections.values()
    assert reflection.community_id == f"discord:{roosevelt_guild.id}"
    assert not [m for m in fake.posts_in(roosevelt.channel) if "Session open" in m["content"]]


async def test_two_processes_on_shards_0_and_1_of_2_each_handle_only_their_own_guilds(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    even = fake.add_guild("Even", guild_id=guild_id_on_shard(0, 2))
    odd = fake.add_guild("Odd", guild_id=guild_id_on_shard(1, 2))
    store = FakeStore()  # one database, as two processes would share PostgreSQL
    first = await start_process(
        fake, config=DiscordConfig(shard_count=2, shard_ids=(0,)), store=store
    )
    second = await start_process(
        fake, config=DiscordConfig(shard_count=2, shard_ids=(1,)), store=store
    )
    processes.extend([first, second])

    await open_school(fake, processes, guild=even, process=first)
    await open_school(fake, processes, guild=odd, process=second)

    assert [i["shard"] for i in fake.gateway.identifies] == [[0, 2], [1, 2]]
    assert first.seen == [str(even.id)] * 3 and second.seen == [str(odd.id)] * 3  # open_school
    assert all([s for s, _ in i.attempts] == [200] for i in fake.interactions.values())
    assert len(fake.calls_to("PUT", rf"/applications/{fake.app_id}/commands")) == 1  # shard 0 syncs


async def test_a_form_opened_before_a_restart_is_saved_when_submitted_after_it(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    store = FakeStore()
    school = await open_school(fake, processes, store=store)
    await school.say(school.fay, "plc prompt send")
    opened = await school.say(school.tom, "plc reflect")
    await school.process.close()
    processes.append(await start_process(fake, store=store))

    saved = await fake.answered(await fake.submit(opened, {"text": "Written across a restart."}))

    assert "Saved your reflection" in saved.plain
    (reflection,) = store.state.reflections.values()
    assert reflection.text == "Written across a restart."
