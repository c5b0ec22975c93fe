"""A teacher in two servers: which server a DM to the bot belongs to (issue 11, item 5).

One DM channel serves every server the person shares with the bot, so a DM is attributed
through the prompt it replies to, and otherwise the person is asked which team, never guessed."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import FixedClock
from bot.scheduling.runner import ScheduleRunner
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_payloads import Json
from tests.discord.conftest import LIBRARIES, Process, School, buttons_of, open_school

MONDAY = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)


async def two_servers(fake: FakeDiscord, processes: list[Process]) -> tuple[School, School]:
    """tom teaches in Lincoln and in Roosevelt; each server's reminder schedule DMs him its
    latest prompt (Roosevelt's last)."""
    clock = FixedClock(MONDAY)
    guilds = fake.add_guild("Lincoln"), fake.add_guild("Roosevelt")  # the bot is in both
    lincoln = await open_school(fake, processes, guild=guilds[0], clock=clock)
    roosevelt = await open_school(fake, processes, guild=guilds[1], process=lincoln.process)
    roosevelt.tom = lincoln.tom
    for school in (lincoln, roosevelt):
        await school.say(school.tom, "plc checkin", score=3)
        await school.say(
            school.ana,
            "plc schedule add",
            kind="nonresponder_reminder",
            when="daily 17:00",
            timezone="UTC",
            after_hours=1,
        )
        await school.say(school.fay, "plc prompt send")
    clock.advance(hours=2, seconds=30)
    store = lincoln.process.store
    runner = ScheduleRunner(
        uow=store.uow, chat=lincoln.process.router, libraries=LIBRARIES, clock=clock
    )
    assert (await runner.tick()).posted == 2
    return lincoln, roosevelt


def reminder_from(school: School) -> Json:
    community = f"discord:{school.guild.id}"
    (sent,) = [
        p
        for p in school.process.store.state.posted
        if p.kind == PROMPT_DM and p.community_id == community
    ]
    return school.fake.messages[int(sent.ref.message_id)]


async def answers_in_dm(fake: FakeDiscord, user: int, after: int) -> list[Json]:
    channel = str(fake.dm_channels[user])
    await fake.until(
        lambda: len([m for m in fake.messages.values() if m["channel_id"] == channel]) > after
    )
    return [m for m in fake.messages.values() if m["channel_id"] == channel][after:]


def dm_count(fake: FakeDiscord, user: int) -> int:
    channel = str(fake.dm_channels[user])
    return len([m for m in fake.messages.values() if m["channel_id"] == channel])


async def test_a_dm_reply_to_one_servers_prompt_is_saved_in_that_server_and_says_so(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    lincoln, _ = await two_servers(fake, processes)
    before = dm_count(fake, lincoln.tom)

    await fake.dm(lincoln.tom, "For Lincoln only.", reply_to=int(reminder_from(lincoln)["id"]))

    (answer,) = await answers_in_dm(fake, lincoln.tom, before)
    assert "Saved your reflection" in answer["content"]
    assert "Grade 4 Math" in answer["content"] and lincoln.guild.name in answer["content"]
    (reflection,) = lincoln.process.store.state.reflections.values()
    assert reflection.community_id == f"discord:{lincoln.guild.id}"
    assert reflection.text == "For Lincoln only."


async def test_a_plain_dm_when_two_servers_wait_for_an_answer_asks_which_team_and_saves_nothing(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    lincoln, roosevelt = await two_servers(fake, processes)
    before = dm_count(fake, lincoln.tom)

    await fake.dm(lincoln.tom, "Which server gets this?")

    (question,) = await answers_in_dm(fake, lincoln.tom, before)
    assert "Which team is this for?" in question["content"]
    labels = [b["label"] for b in buttons_of(question)]
    assert len(labels) == 2
    assert any(lincoln.guild.name in label for label in labels)
    assert any(roosevelt.guild.name in label for label in labels)
    assert lincoln.process.store.state.reflections == {}


async def test_choosing_a_team_in_the_question_answers_that_servers_prompt(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    lincoln, _ = await two_servers(fake, processes)
    before = dm_count(fake, lincoln.tom)
    await fake.dm(lincoln.tom, "Which server gets this?")
    (question,) = await answers_in_dm(fake, lincoln.tom, before)
    (choice,) = [b for b in buttons_of(question) if lincoln.guild.name in b["label"]]

    opened = await fake.answered(
        await fake.click(question["id"], choice["custom_id"], user=lincoln.tom)
    )
    assert opened.modal is not None
    saved = await fake.answered(await fake.submit(opened, {"text": "Chosen: Lincoln."}))

    assert "Saved your reflection" in saved.text and lincoln.guild.name in saved.text
    (reflection,) = lincoln.process.store.state.reflections.values()
    assert reflection.community_id == f"discord:{lincoln.guild.id}"


async def test_forget_typed_in_a_dm_shared_by_two_servers_deletes_nothing_and_asks_where(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    lincoln, roosevelt = await two_servers(fake, processes)
    await lincoln.say(lincoln.tom, "plc reflect", text="Lincoln words.")
    await roosevelt.say(roosevelt.tom, "plc reflect", text="Roosevelt words.")

    answer = await lincoln.say(lincoln.tom, "plc me forget", where=fake.dm_channel_of(lincoln.tom))

    assert "Which team is this for?" in answer.text
    assert not [b for b in buttons_of(answer.answer or {}) if "delete" in b.get("label", "")]
    texts = sorted(r.text for r in lincoln.process.store.state.reflections.values())
    assert texts == ["Lincoln words.", "Roosevelt words."]


async def test_forget_confirmation_and_receipt_name_the_server_and_team_they_act_on(
    school: School,
) -> None:
    await school.say(school.tom, "plc reflect", text="Mine.")
    asked = await school.say(school.tom, "plc me forget")
    assert "Grade 4 Math" in asked.text and school.guild.name in asked.text
    assert asked.answer is not None
    (yes,) = [b for b in buttons_of(asked.answer) if b["label"].startswith("Yes")]
    done = await school.fake.answered(
        await school.fake.click(asked.answer["id"], yes["custom_id"], user=school.tom)
    )
    assert "Deleted" in done.text
    assert "Grade 4 Math" in done.text and school.guild.name in done.text
