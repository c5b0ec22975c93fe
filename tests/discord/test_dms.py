"""Reflection prompts answered by DM: the scheduler's reminder DM, a reply, the Reflect button."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import FixedClock
from bot.scheduling.runner import ScheduleRunner
from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.discord.fake_payloads import Json
from tests.discord.conftest import LIBRARIES, Process, School, button, open_school, start_process

MONDAY = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)


async def reminded(fake: FakeDiscord, processes: list[Process]) -> tuple[School, FixedClock, Json]:
    """Two prompts go to the team; tom answers neither; the reminder schedule DMs him the latest."""
    clock = FixedClock(MONDAY)
    school = await open_school(fake, processes, clock=clock)
    await school.say(school.tom, "plc checkin", score=3)  # tom is one of the team's teachers
    await school.say(
        school.ana,
        "plc schedule add",
        kind="nonresponder_reminder",
        when="daily 17:00",
        timezone="UTC",
        after_hours=1,
    )
    await school.say(school.fay, "plc prompt send")
    await school.say(school.fay, "plc prompt send")
    clock.advance(hours=2, seconds=30)
    runner = ScheduleRunner(
        uow=school.process.store.uow, chat=school.process.router, libraries=LIBRARIES, clock=clock
    )
    report = await runner.tick()
    assert report.posted == 1, report
    dm_channel = fake.dm_channels[school.tom]
    (reminder,) = [m for m in fake.messages.values() if m["channel_id"] == str(dm_channel)]
    return school, clock, reminder


async def test_a_dm_reply_to_a_reminder_is_saved_as_the_answer_to_the_prompt_it_was_about(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    school, _, reminder = await reminded(fake, processes)
    store = school.process.store
    latest = max(store.state.deliveries.values(), key=lambda d: d.id)
    assert fake.calls_to("POST", r"/users/@me/channels")
    assert "gentle reminder" in reminder["content"]

    await fake.dm(school.tom, "I will try think-pair-share tomorrow.")

    dm_channel = str(fake.dm_channels[school.tom])
    await fake.until(
        lambda: any(
            "Saved your reflection" in m["content"]
            for m in fake.messages.values()
            if m["channel_id"] == dm_channel
        )
    )
    (reflection,) = store.state.reflections.values()
    assert reflection.delivery_id == latest.id
    assert reflection.community_id == f"discord:{school.guild.id}"
    assert reflection.text == "I will try think-pair-share tomorrow."


async def test_the_reflect_button_in_a_reminder_dm_opens_the_form_for_that_prompt(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    school, _, reminder = await reminded(fake, processes)
    opened = await school.click(school.tom, reminder, button(reminder, "Reflect"))
    assert opened.modal is not None and opened.guild_id is None
    saved = await fake.answered(
        await fake.submit(opened, {"text": "From my DMs.", "visibility": "private"})
    )
    assert "Saved your reflection" in saved.text
    (reflection,) = school.process.store.state.reflections.values()
    assert (reflection.text, reflection.visibility.value) == ("From my DMs.", "private")


async def test_a_dm_from_someone_the_bot_never_wrote_to_gets_a_pointer_to_plc_reflect(
    fake: FakeDiscord, school: School
) -> None:
    stranger = fake.add_user("sam")
    await fake.dm(stranger, "hello?")
    channel = str(fake.dm_channels[stranger])
    await fake.until(lambda: [m for m in fake.messages.values() if m["channel_id"] == channel])
    (answer,) = [m for m in fake.messages.values() if m["channel_id"] == channel]
    assert (
        "Reply to a prompt I sent you" in answer["content"] and "/plc reflect" in answer["content"]
    )
    assert not school.process.store.state.reflections


async def test_a_slash_command_in_a_dm_the_bot_cannot_place_is_answered_politely(
    fake: FakeDiscord, school: School
) -> None:
    stranger = fake.add_user("sam")
    answer = await fake.answered(
        await fake.slash("plc reflect", stranger, fake.dm_channel_of(stranger), text="Hi")
    )
    assert "I can't tell which server this belongs to" in answer.plain
    assert not school.process.store.state.reflections


async def test_a_dm_reply_finds_its_server_when_another_process_sent_the_prompt(
    fake: FakeDiscord, processes: list[Process]
) -> None:
    school, _, _ = await reminded(fake, processes)
    await school.process.close()  # a restart: nothing of the prompt's sending is in memory
    school.process = await start_process(fake, store=school.process.store)
    processes.append(school.process)  # stopped at the end like the first
    await fake.dm(school.tom, "Answered after a restart.")
    dm_channel = str(fake.dm_channels[school.tom])
    await fake.until(
        lambda: any(
            "Saved your reflection" in m["content"]
            for m in fake.messages.values()
            if m["channel_id"] == dm_channel
        )
    )
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.community_id == f"discord:{school.guild.id}"
