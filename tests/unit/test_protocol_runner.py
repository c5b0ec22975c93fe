"""The protocol runner through the core's door, on the fake unit of work: who may move a run
on, what a stale or crafted button does, the timer read in the team's zone, and a teacher's
notes in their export and gone when they are forgotten."""

from __future__ import annotations

import json

from bot import actions
from tests.harness import Harness, reply_text


def step_ids(h: Harness) -> list[int]:
    steps = sorted(h.store.state.protocol_steps.values(), key=lambda s: s.position)
    return [s.id for s in steps]


async def started(h: Harness, protocol: str = "tuning") -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", f"/plc protocol start {protocol}")).ok


async def test_next_step_twice_moves_the_run_on_once(h: Harness) -> None:
    await started(h)
    [first] = step_ids(h)
    assert "on to step 2" in reply_text(await h.click("fay", actions.step_button("next", first).id))
    again = await h.click("fay", actions.step_button("next", first).id)
    assert "already over" in reply_text(again)
    assert len(step_ids(h)) == 2


async def test_a_step_button_of_another_team_is_refused_and_changes_nothing(h: Harness) -> None:
    await started(h)
    [first] = step_ids(h)
    assert (await h.say("ana", "/plc team create Science", channel="C2")).ok
    crafted = await h.click("ana", actions.step_button("next", first).id, channel="C2")
    assert not crafted.ok and "out of date" in reply_text(crafted)
    note = await h.submit(
        "ana", actions.step_button("note", first).id, {"text": "hi"}, channel="C2"
    )
    assert not note.ok
    assert step_ids(h) == [first] and not h.store.state.protocol_notes


async def test_the_timer_is_the_team_s_local_time_and_grows_by_two_minutes_a_click(
    h: Harness,
) -> None:
    await started(h)
    card = h.chat.posts_to("C1")[-1].text
    assert "About 5 min · until 10:05 (America/Chicago)" in card  # 16:00 UTC is 10:00 there
    h.clock.advance(minutes=9)  # past the step's time: two more minutes from now
    [first] = step_ids(h)
    longer = await h.click("fay", actions.step_button("more", first).id)
    assert "now runs until 10:11" in reply_text(longer)


async def test_a_facilitator_s_note_form_refuses_an_empty_note_beside_its_field(
    h: Harness,
) -> None:
    await started(h)
    [first] = step_ids(h)
    opened = await h.click("tom", actions.step_button("note", first).id)
    assert opened.form is not None and opened.form.fields[0].id == "text"
    empty = await h.submit("tom", actions.step_button("note", first).id, {"text": "  "})
    assert not empty.ok and "text" in empty.field_errors


async def test_a_teacher_s_notes_are_in_their_export_and_go_when_they_are_forgotten(
    h: Harness,
) -> None:
    await started(h)
    assert (await h.say("tom", "/plc protocol note the rubric helped")).ok
    assert (await h.say("fay", "/plc protocol note fay's own note")).ok
    assert (await h.say("tom", "/plc me export")).ok
    files = h.chat.dms_to("tom")[-1].files
    data = json.loads(files["plcbot-export.json"])
    assert [n["text"] for n in data["protocol_notes"]] == ["the rubric helped"]
    assert data["protocol_notes"][0]["step"] == "1. Present the work"
    assert "protocol_note" in files["team_work.csv"].decode("utf-8")
    forgot = await h.say("tom", "/plc me forget")
    assert forgot.reply is not None
    confirm = next(b for b in forgot.reply.button_list() if "forget" in b.action.id)
    assert (await h.click("tom", confirm.action.id)).ok
    texts = [n.text for n in h.store.state.protocol_notes.values()]
    assert texts == ["fay's own note"]


async def test_the_scheduler_says_time_s_up_once_in_the_step_s_thread_and_again_after_more_time(
    h: Harness,
) -> None:
    await started(h)  # step 1: 5 minutes, until 10:05
    runner = h.runner()
    h.clock.advance(minutes=4)
    await runner.tick()
    assert not [p for p in h.chat.posts_to("C1") if "Time's up" in p.text]
    h.clock.advance(minutes=2)
    await runner.tick()
    await runner.tick()
    nudges = [p for p in h.chat.posts_to("C1") if "Time's up" in p.text]
    assert len(nudges) == 1 and nudges[0].thread is not None
    assert "step 1, Present the work (5 min)" in nudges[0].text
    [first] = step_ids(h)
    assert (await h.click("fay", actions.step_button("more", first).id)).ok  # until 10:08
    h.clock.advance(minutes=3)
    await runner.tick()
    assert len([p for p in h.chat.posts_to("C1") if "Time's up" in p.text]) == 2
