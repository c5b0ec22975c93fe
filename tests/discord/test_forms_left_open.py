"""A form a teacher opens and walks away from costs the bot nothing afterwards: the adapter
reads every submission itself (PlcHooks.on_interaction), so discord.py keeps no copy of the
modal and no timer for it. Before, each opened form kept a task alive for an hour, and a
busy district's loop carried thousands of them."""

from __future__ import annotations

import asyncio

from bot.domain import Visibility
from tests.discord.conftest import School, button


def _tasks() -> int:
    return len(asyncio.all_tasks())


async def test_forms_opened_and_left_leave_nothing_running_and_a_late_submit_still_saves(
    school: School,
) -> None:
    await school.say(school.fay, "plc prompt send")
    (prompt,) = [
        m for m in school.fake.posts_in(school.channel) if "Reflection prompt" in m["content"]
    ]
    first = await school.click(school.tom, prompt, button(prompt, "Reflect"))
    before = _tasks()

    for who in (school.ana, school.fay, school.ana, school.fay, school.ana, school.fay):
        # opened, then dismissed: Discord tells the bot nothing
        opened = await school.click(who, prompt, button(prompt, "Reflect"))
        assert opened.modal is not None, opened.text
    await asyncio.sleep(0)

    assert _tasks() <= before  # not one task per form left open
    saved = await school.fake.answered(
        await school.fake.submit(first, {"text": "Fractions on a line.", "visibility": "team"})
    )
    assert "Saved your reflection" in saved.text
    (reflection,) = school.process.store.state.reflections.values()
    assert reflection.visibility is Visibility.TEAM
