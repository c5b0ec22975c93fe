"""Micro-credential portfolios on Discord, at the wire: `/plc credential add` with a file
attached fetches it from Discord's CDN and keeps it as an artifact (name, type, size); a file
over the limit is refused without being fetched; the package arrives as a file in a DM."""

from __future__ import annotations

import io
import json
import zipfile

from bot.credentials import FILE_LIMIT
from tests.discord.conftest import School, button

CREDENTIAL = {  # the commands these tests play on Discord
    "credential list",
    "credential start",
    "credential status",
    "credential add",
    "credential use",
    "credential share",
    "credential review",
    "credential comment",
    "credential export",
    "goal credential",  # a facilitator links the cycle's goal (the last test)
}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


async def test_an_attached_file_becomes_an_artifact_in_the_exported_package(school: School) -> None:
    fake, tom = school.fake, school.tom
    started = await school.say(tom, "credential start", id="formative-data")
    assert "The class and the learning goal" in started.plain and started.ephemeral
    file = fake.attachment("exit ticket.png", "image/png", PNG)
    added = await school.say(
        tom, "credential add", id="formative-data", part=2, text="sorted tickets", file=file
    )
    assert "Added to part 2" in added.plain, added.plain
    assert fake.downloads == [file["id"]]
    status = await school.say(tom, "credential status", id="formative-data")
    assert "exit ticket.png (image/png, 1 KB)" in status.plain

    answer = await school.say(tom, "credential export", id="formative-data")
    assert "direct message" in answer.plain
    dm = str(fake.dm_channels[tom])
    (upload,) = fake.calls_to("POST", rf"/channels/{dm}/messages")
    ((_, content),) = upload.files
    z = zipfile.ZipFile(io.BytesIO(content))
    assert z.read("artifacts/01-exit-ticket.png") == PNG
    assert json.loads(z.read("evidence.json"))["evidence"][0]["narrative"] == "sorted tickets"


async def test_a_file_over_the_limit_is_refused_without_being_fetched(school: School) -> None:
    fake, tom = school.fake, school.tom
    await school.say(tom, "credential start", id="formative-data")
    file = fake.attachment("lesson.mp4", "video/mp4", b"x")
    file["size"] = FILE_LIMIT + 1  # what Discord says of a large video
    refused = await school.say(tom, "credential add", id="formative-data", part=3, file=file)
    assert "at most 10 MB" in refused.plain
    assert fake.downloads == []


async def test_a_written_answer_and_the_list_through_typed_options(school: School) -> None:
    tom = school.tom
    await school.say(tom, "credential start", id="inquiry-cycle")
    added = await school.say(
        tom, "credential add", id="inquiry-cycle", part=1, text="Four teachers, weekly."
    )
    assert "Added to part 1" in added.plain
    listing = await school.say(school.fay, "credential list")
    assert "1 teacher here working on it" in listing.plain


async def test_a_reflection_used_shared_with_the_facilitator_and_commented_on(
    school: School,
) -> None:
    fake, fay, tom = school.fake, school.fay, school.tom
    await school.say(tom, "credential start", id="formative-data")
    saved = await school.say(tom, "plc reflect", text="Regrouping worked for most of the class.")
    assert "Use as evidence" in str(saved.answer)
    listing = await school.say(tom, "plc me reflections")
    number = int(listing.plain.split("#", 1)[1].split()[0])
    used = await school.say(tom, "credential use", id="formative-data", part=5, reflection=number)
    assert "Added to part 5" in used.plain
    shared = await school.say(tom, "credential share", id="formative-data", reviewer=fay)
    assert "for feedback" in shared.plain
    read = await school.say(fay, "credential review", teacher=tom, id="formative-data")
    assert "Regrouping worked" in read.plain
    noted = await school.say(
        fay, "credential comment", teacher=tom, id="formative-data", part=5, comment="Say how many."
    )
    assert "Sent your comment" in noted.plain
    dm = str(fake.dm_channels[tom])
    assert any(
        "Say how many." in m["content"] for m in fake.messages.values() if m["channel_id"] == dm
    )


async def test_a_linked_goal_offers_an_implement_reflection_for_its_part(school: School) -> None:
    fay, tom = school.fay, school.tom
    await school.say(tom, "credential start", id="formative-data")
    linked = await school.say(fay, "plc goal credential", credential="formative-data")
    assert "Linked the goal of cycle 1" in linked.plain
    await school.say(fay, "plc stage set", stage="implement")
    saved = await school.say(tom, "plc reflect", text="Regrouped after the exit tickets.")
    assert saved.answer is not None
    used = await school.click(tom, saved.answer, button(saved.answer, "Use as evidence for part 5"))
    assert "Added to part 5" in used.plain, used.plain
    status = await school.say(tom, "credential status", id="formative-data")
    assert "Regrouped after the exit tickets." in status.plain
