"""The team's work on Discord, at the wire: typed options build the intents, the goal form is a
modal, a new action item's Done button closes it, and the cycle's summary is posted."""

from __future__ import annotations

from tests.discord.conftest import School, button


async def test_a_cycle_record_and_an_action_item_through_slash_options_a_modal_and_a_button(
    school: School,
) -> None:
    fake, fay, tom = school.fake, school.fay, school.tom
    need = await school.say(
        fay, "plc need set", need="Half cannot place 3/4", evidence="screener, https://x.org/a"
    )
    assert "Saved the student learning need" in need.text
    opened = await school.say(fay, "plc goal show")
    assert opened.modal is not None and opened.modal["custom_id"] == "plc:goal:form"
    saved = await fake.answered(
        await fake.submit(opened, {"what": "place fractions", "target": "80%", "by": "Dec 18"})
    )
    assert "Still missing: no measure yet" in saved.plain
    assert (
        "Saved the goal" in (await school.say(fay, "plc goal set", measure="unit exit ticket")).text
    )
    assert (
        "Added learning design 1"
        in (await school.say(fay, "plc design add", design="Number-line talks")).text
    )
    assert "is saved" in (await school.say(tom, "plc commit", commitment="Two talks a week")).text
    evidence = await school.say(tom, "plc evidence", percent=60, note="halves shaky")
    assert "60%" in evidence.text and "unit exit ticket" in evidence.text
    refused = await school.say(tom, "plc goal set", measure="my own")
    assert "Only a facilitator" in refused.text

    added = await school.say(
        tom, "plc action add", owner=tom, what="share the rubric", due="2026-12-01"
    )
    assert "Added action item #" in added.text
    (notice,) = [m for m in fake.posts_in(school.channel) if "New action item" in m["content"]]
    assert f"<@{tom}>" in notice["content"] and "share the rubric" in notice["content"]
    assert "share the rubric" in (await school.say(fay, "plc action list")).text
    done = await school.click(tom, notice, button(notice, "Done"))
    assert "done" in done.plain
    assert "No open action items" in (await school.say(fay, "plc action list")).text
    again = await school.say(tom, "plc action done", number=1_000)
    assert "no action item #1000" in again.text

    record = await school.say(tom, "plc cycle show")
    assert "Half cannot place 3/4" in record.text and "Two talks a week" in record.text
    closed = await school.say(fay, "plc cycle close")
    assert "Closed cycle 1" in closed.text
    await fake.until(
        lambda: [m for m in fake.posts_in(school.channel) if "cycle 1 summary" in m["content"]]
    )


async def test_the_goals_date_option_is_named_by_as_help_and_the_goal_form_name_it(
    school: School,
) -> None:
    """`/plc help goal set` and the goal form both say `by`; the slash option was `when`."""
    (plc,) = [c for c in school.fake.commands[None] if c["name"] == "plc"]
    (goal,) = [o for o in plc["options"] if o["name"] == "goal"]
    (goal_set,) = [o for o in goal["options"] if o["name"] == "set"]
    assert [o["name"] for o in goal_set["options"]] == ["what", "measure", "target", "by"]
    saved = await school.say(school.fay, "plc goal set", what="place 3/4", by="2027-01-18")
    assert "Saved the goal" in saved.text
    assert "2027-01-18" in (await school.say(school.fay, "plc cycle show")).plain
    help_text = await school.say(school.fay, "plc help", command="goal set")
    assert "by:" in help_text.plain
