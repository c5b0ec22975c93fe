"""A protocol run on Discord, at the wire: the slash command posts the first step's card, its
buttons move the run on and extend the timer (the card is edited in place), the Add note modal
and a Reply to a step's card (which pings the bot, so Discord hands over its words) become that
step's notes, and a Reply that does not ping the bot carries no words and is left alone."""

from __future__ import annotations

from tests.discord.conftest import School, button, buttons_of

# The grammar's protocol commands this test plays (test_end_to_end.py checks every command is).
PROTOCOLS = ["protocol list", "protocol start", "protocol note", "protocol stop"]


def cards(school: School, position: int) -> list[dict[str, object]]:
    return [
        m
        for m in school.fake.posts_in(school.channel)
        if f"step {position} of 5" in str(m["content"])
    ]


async def test_a_protocol_runs_from_discord_with_buttons_a_modal_and_replies(
    school: School,
) -> None:
    fake, fay, tom = school.fake, school.fay, school.tom
    await school.say(fay, "plc session open", topic="Fractions")
    listed = await school.say(tom, "plc session protocol-list")
    assert "notice-and-wonder" in listed.text
    started = await school.say(fay, "plc session protocol-start", protocol="Notice and wonder")
    assert "Started" in started.text
    await fake.until(lambda: cards(school, 1))
    (first,) = cards(school, 1)
    assert "About 3 min" in str(first["content"]) and "meeting notes" in str(first["content"])
    assert [b["label"] for b in buttons_of(first)] == ["Next step", "Add 2 min", "Skip", "Add note"]

    refused = await school.click(tom, first, button(first, "Next step"))
    assert "Only a facilitator" in refused.plain
    moved = await school.click(fay, first, button(first, "Next step"))
    assert "on to step 2" in moved.plain
    await fake.until(lambda: cards(school, 2))
    (second,) = cards(school, 2)
    await fake.until(lambda: not buttons_of(fake.messages[int(str(first["id"]))]))
    assert "Done at" in str(fake.messages[int(str(first["id"]))]["content"])

    opened = await school.click(tom, second, button(second, "Add note"))
    assert opened.modal is not None
    saved = await fake.answered(await fake.submit(opened, {"text": "Halves were easy"}))
    assert "Noted for step 2" in saved.plain

    reply = await fake.channel_reply(tom, int(str(second["id"])), "They compare numerators only")
    await fake.until(lambda: fake.messages[reply].get("reactions"))
    silent = await fake.channel_reply(tom, int(str(second["id"])), "no ping", ping=False)
    typed = await school.say(tom, "plc session protocol-note", note="Look at 5/4 next")
    assert "Noted for step 2" in typed.text

    extended = await school.click(fay, second, button(second, "Add 2 min"))
    assert "now runs until" in extended.plain
    assert "About 10 min" in str(fake.messages[int(str(second["id"]))]["content"])

    stopped = await school.say(fay, "plc session protocol-stop")
    assert "Stopped" in stopped.text
    await fake.until(
        lambda: [m for m in fake.posts_in(school.channel) if "stopped" in str(m["content"])]
    )
    (summary,) = [m for m in fake.posts_in(school.channel) if "stopped" in str(m["content"])]
    text = str(summary["content"])
    assert "Halves were easy" in text and "They compare numerators only" in text
    assert "Look at 5/4 next" in text
    assert "no ping" not in text and not fake.messages[silent].get("reactions")
