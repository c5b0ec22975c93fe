"""A person's own data through Discord (export by DM, forget), and the bot's removal."""

from __future__ import annotations

import asyncio

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


async def test_removing_the_bot_from_a_server_marks_its_community_removed(school: School) -> None:
    await school.fake.remove_guild(school.guild.id)
    community = f"discord:{school.guild.id}"
    for _ in range(100):
        if school.process.store.state.communities[community].removed_at is not None:
            break
        await asyncio.sleep(0.02)
    assert school.process.store.state.communities[community].removed_at is not None
