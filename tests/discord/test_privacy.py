"""A person's own data through Discord (export by DM, forget), and the bot's removal."""

from __future__ import annotations

import asyncio

from bot.domain import Visibility
from tests.discord.conftest import School, button


async def test_me_export_arrives_as_files_in_a_dm(school: School) -> None:
    await school.say(school.fay, "plc prompt send")
    await school.say(school.tom, "plc reflect", text="Exit tickets told me a lot.")
    answer = await school.say(school.tom, "plc me export")
    assert "direct message" in answer.plain
    dm = str(school.fake.dm_channels[school.tom])
    (export,) = [m for m in school.fake.messages.values() if m["channel_id"] == dm]
    names = [a["filename"] for a in export["attachments"]]
    assert any(n.endswith(".json") for n in names) and any(n.endswith(".csv") for n in names)
    (upload,) = school.fake.calls_to("POST", rf"/channels/{dm}/messages")
    assert b"Exit tickets told me a lot." in b"".join(content for _, content in upload.files)
    assert upload.body["allowed_mentions"] == {"parse": []}


async def test_me_forget_asks_first_and_a_click_deletes_the_persons_data(school: School) -> None:
    await school.say(school.tom, "plc checkin", score=3)
    question = await school.say(school.tom, "plc me forget")
    assert "Delete all your data" in question.plain and question.ephemeral
    assert question.answer is not None
    receipt = await school.click(
        school.tom, question.answer, button(question.answer, "Yes, delete")
    )
    assert "Deleted" in receipt.plain
    assert not school.process.store.state.checkins


async def test_me_forget_has_a_cancel_button_that_deletes_nothing(school: School) -> None:
    await school.say(school.tom, "plc checkin", score=3)
    question = await school.say(school.tom, "plc me forget")
    assert question.answer is not None
    cancelled = await school.click(school.tom, question.answer, button(question.answer, "Cancel"))
    assert "Cancelled: nothing was deleted" in cancelled.plain
    assert [c.score for c in school.process.store.state.checkins.values()] == [3]


async def test_a_forget_confirmation_clicked_by_someone_else_is_refused_and_deletes_nothing(
    school: School,
) -> None:
    await school.say(school.tom, "plc checkin", score=3)
    await school.say(school.fay, "plc checkin", score=4)
    question = await school.say(school.tom, "plc me forget")
    assert question.answer is not None
    confirm = button(question.answer, "Yes, delete")
    refused = await school.click(school.fay, question.answer, confirm)
    assert "This button was meant for someone else, so nothing was deleted." in refused.plain
    assert "Deleted" not in refused.plain
    state = school.process.store.state
    assert sorted(c.score for c in state.checkins.values()) == [3, 4]
    assert str(school.fay) in {uid for _, uid in state.members}
    receipt = await school.click(school.tom, question.answer, confirm)
    assert "Deleted" in receipt.plain
    assert [c.score for c in school.process.store.state.checkins.values()] == [4]


async def reflect_as_typed(school: School, text: str, **options: str) -> str:
    await school.say(school.fay, "plc prompt send")
    answer = await school.say(school.tom, "plc reflect", text=text, **options)
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.text == text  # the words as typed, never read as a flag
    return answer.plain


async def test_a_reflection_option_beginning_with_dash_dash_team_is_saved_privately_as_typed(
    school: School,
) -> None:
    said = await reflect_as_typed(school, "--team should not see this yet")
    assert "you and the team's facilitators" in said
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.visibility is Visibility.FACILITATORS
    shared = [
        m for m in school.fake.posts_in(school.channel) if "shared a reflection" in m["content"]
    ]
    assert shared == []


async def test_a_reflection_option_beginning_with_two_dashes_and_a_space_is_saved_as_text(
    school: School,
) -> None:
    said = await reflect_as_typed(school, "-- a thought I had mid-lesson")
    assert "Saved your reflection" in said


async def test_the_visibility_option_is_kept_whatever_the_text_begins_with(
    school: School,
) -> None:
    said = await reflect_as_typed(school, "--team only for me", visibility="private")
    assert "only you" in said
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.visibility is Visibility.PRIVATE


async def test_removing_the_bot_from_a_server_marks_its_community_removed(school: School) -> None:
    await school.fake.remove_guild(school.guild.id)
    community = f"discord:{school.guild.id}"
    for _ in range(100):
        if school.process.store.state.communities[community].removed_at is not None:
            break
        await asyncio.sleep(0.02)
    assert school.process.store.state.communities[community].removed_at is not None
