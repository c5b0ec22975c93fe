"""Where a reflection goes, from Discord: the form's preselected choice and the prompt's words."""

from __future__ import annotations

from bot.domain import Visibility
from tests.discord.conftest import School


async def test_slash_reflect_with_private_and_no_text_opens_the_modal_with_only_me_chosen(
    school: School,
) -> None:
    await school.say(school.fay, "plc prompt send")
    await school.say(school.tom, "plc reflect", text="First thoughts.", visibility="team")

    opened = await school.say(school.tom, "plc reflect", visibility="private")

    assert opened.modal is not None
    (choice,) = [
        c["component"]
        for c in opened.modal["components"]
        if c.get("component", {}).get("type") == 3
    ]
    assert [o["value"] for o in choice["options"] if o.get("default")] == ["private"]
    saved = await school.fake.answered(await school.fake.submit(opened, {"text": "Mine."}))
    assert "only you" in saved.text
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.visibility is Visibility.PRIVATE


async def test_a_prompt_says_a_reply_is_read_by_the_team_and_the_button_lets_you_choose(
    school: School,
) -> None:
    await school.say(school.fay, "plc prompt send")
    (prompt,) = [
        m for m in school.fake.posts_in(school.channel) if "Reflection prompt" in m["content"]
    ]
    assert "A reply in this thread is read by the whole team" in prompt["content"]
    assert "Reflect button (or by DM) and you choose who reads it" in prompt["content"]
