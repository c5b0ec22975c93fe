"""A session's agenda, roles and minutes on Discord, at the wire: typed options in the
`session` group, the agenda form as a modal whose bad field is named, the card with the agenda
and roles, and the minutes posted when the session closes."""

from __future__ import annotations

from tests.discord.conftest import School


async def test_agenda_modal_roles_decision_and_minutes_over_discord(school: School) -> None:
    fake, fay, tom = school.fake, school.fay, school.tom
    added = await school.say(fay, "plc session agenda-add", minutes=20, what="Exit tickets")
    assert "Added item 1 to the next session's agenda" in added.text
    opened = await school.say(fay, "plc session agenda")
    assert opened.modal is not None and opened.modal["custom_id"] == "plc:agenda:form"
    refused = await fake.answered(await fake.submit(opened, {"minutes": "999", "text": "Plan"}))
    assert "from 1 to 240" in refused.plain
    saved = await fake.answered(await fake.submit(opened, {"minutes": "15", "text": "Plan"}))
    assert "Added item 2" in saved.plain

    await school.say(tom, "plc norms show")  # the bot has met Tom
    role = await school.say(fay, "plc session role", role="note-taker", person=tom)
    assert "note taker of the next session" in role.text
    await school.say(fay, "plc session open", topic="Fractions")
    (card,) = [m for m in fake.posts_in(school.channel) if "Session open" in m["content"]]
    assert "Exit tickets" in card["content"] and f"<@{tom}>" in card["content"]

    await school.say(tom, "plc here")
    by_admin = await school.say(school.ana, "plc session decision", decision="x")
    assert "Decision 1" in by_admin.text  # an admin may, like a facilitator
    said = await school.say(tom, "plc session decision", decision="Exit ticket every Friday")
    assert "Decision 2 is in the minutes" in said.text
    await school.say(fay, "plc session close")

    def minutes_posted() -> list[dict[str, str]]:
        return [m for m in fake.posts_in(school.channel) if "Minutes: Fractions" in m["content"]]

    await fake.until(minutes_posted)
    (minutes,) = minutes_posted()
    assert (
        "Attendance (1)" in minutes["content"] and "Exit ticket every Friday" in minutes["content"]
    )
    again = await school.say(tom, "plc session minutes")
    assert "Exit ticket every Friday" in again.text


async def test_the_next_agenda_is_listed_trimmed_and_cleared_over_discord(school: School) -> None:
    fay, tom = school.fay, school.tom
    for minutes, what in ((10, "Check-in"), (30, "Exit tickets"), (20, "Planning")):
        await school.say(fay, "plc session agenda-add", minutes=minutes, what=what)
    listed = await school.say(tom, "plc session agenda-list")
    assert "Agenda of the next session" in listed.text and "60 min" in listed.text
    assert "Took item 2 off" in (await school.say(fay, "plc session agenda-remove", number=2)).text
    refused = await school.say(tom, "plc session agenda-clear")
    assert "Only a facilitator" in refused.text
    assert "(2 items)" in (await school.say(fay, "plc session agenda-clear")).text
    nobody = await school.say(fay, "plc session role", role="timekeeper")
    assert "Nobody is timekeeper of the next session" in nobody.text
