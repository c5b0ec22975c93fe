"""Buttons a person is shown and never presses cost the bot nothing afterwards: a click reaches
the adapter by its custom_id's template (PlcButton), so discord.py keeps no copy of the view.
Before, every ephemeral answer with buttons (the check-in's mood scale) kept a task alive for
15 minutes, discord.py's timeout for such views: thousands on a district's busy morning."""

from __future__ import annotations

import asyncio

from tests.discord.conftest import School, button


def _tasks() -> int:
    return len(asyncio.all_tasks())


async def test_buttons_shown_and_left_leave_nothing_running_and_a_late_click_still_counts(
    school: School,
) -> None:
    opened = await school.say(school.fay, "plc session open")
    assert "Session opened" in opened.text
    first = await school.say(school.tom, "plc checkin")
    scale = button(first.answer or {}, "4")
    before = _tasks()

    for who in (school.ana, school.fay, school.ana, school.fay, school.ana, school.fay):
        shown = await school.say(who, "plc checkin")  # the mood scale, never pressed
        assert "How are you arriving?" in shown.text, shown.text
    await asyncio.sleep(0)

    assert _tasks() <= before  # not one task per scale left unpressed
    pressed = await school.click(school.tom, first.answer or {}, scale)
    form = pressed.modal  # saved, and offered a word to add
    assert form is not None and "Checked in: 4" in str(form), pressed.initial
