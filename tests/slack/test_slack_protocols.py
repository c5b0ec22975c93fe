"""A protocol run on Slack, at the wire: `/plc protocol start` posts the first step's card,
its buttons move the run on and extend the timer (the card is redrawn with chat.update), a
reply in a step card's thread and the Add note modal become that step's notes, and a click on
a step that is over changes nothing."""

from __future__ import annotations

from typing import Any

from platform_fakes.slack.fake_slack import FakeSlack
from platform_fakes.slack.fake_webapi import Posted
from tests.fakes.uow import FakeStore
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, button, readable
from tests.slack.test_commands import team_with_facilitator


def step_card(fake: FakeSlack, position: int) -> list[Posted]:
    return [m for m in fake.in_channel("C1") if f"step {position} of 5" in blocks_text(m.blocks)]


def notes(store: FakeStore) -> list[tuple[str, str]]:
    return [(n.author_id, n.text) for n in store.state.protocol_notes.values()]


async def test_a_protocol_runs_from_slack_with_buttons_a_modal_and_thread_notes(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        await slack.reply(await slack.command("UFAY", "session open Fractions"))
        started = readable(
            await slack.reply(await slack.command("UFAY", "protocol start notice-and-wonder"))
        )
        assert "Started *Notice and wonder*" in started
        (first,) = await fake.until(lambda: step_card(fake, 1))
        assert "About 3 min" in readable(blocks_text(first.blocks))
        assert "the team's meeting notes" in readable(blocks_text(first.blocks))

        await slack.click("UFAY", button(first.blocks, "Next step"), ts=first.ts)
        (second,) = await fake.until(lambda: step_card(fake, 2))
        ended = await fake.until(lambda: first.history)  # step 1's card, redrawn
        assert ended and "Done at" in readable(blocks_text(first.blocks))
        assert not [b for b in first.blocks if b["type"] == "actions"]

        # A teacher's reply in step 2's thread is a note of step 2.
        ack = await slack.thread_reply("UTEO", "C1", second.ts, "They compare numerators only")
        assert ack.status == 200
        await fake.until(lambda: notes(store))
        whisper = (await fake.until(lambda: fake.ephemerals))[-1]
        assert "Noted for step 2, Notice." in readable(blocks_text(whisper["blocks"]))

        # Add note opens a modal; what is submitted is posted in the step's thread.
        await slack.click("UTEO", button(second.blocks, "Add note"), ts=second.ts)
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view: dict[str, Any] = opened[-1]["view"]
        assert view["callback_id"] == f"plc:step:note:{_step_id(store, 2)}"
        await slack.submit("UTEO", view, {"text": "Halves were easy"})
        echoed = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if m.thread_ts == second.ts]
        )
        assert "Note from <@UTEO>: Halves were easy" in blocks_text(echoed[0].blocks)

        await slack.click("UFAY", button(second.blocks, "Add 2 min"), ts=second.ts)
        await fake.until(lambda: second.history)
        assert "About 10 min" in readable(blocks_text(second.blocks))

        # Step 1's Next step again (a double click, a second facilitator): nothing changes.
        again = await slack.click("UFAY", {"action_id": f"plc:step:next:{_step_id(store, 1)}"})
        assert again.status == 200
        await fake.until(
            lambda: [
                v
                for v in fake.responses.values()
                if v and "already over" in str(v[-1].get("text", ""))
            ]
        )
        assert len(store.state.protocol_steps) == 2

        await slack.reply(await slack.command("UFAY", "protocol stop"))
        summary = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if "stopped" in blocks_text(m.blocks)]
        )
        text = readable(blocks_text(summary[0].blocks))
        assert "They compare numerators only" in text and "Halves were easy" in text
    assert notes(store) == [("UTEO", "They compare numerators only"), ("UTEO", "Halves were easy")]


def _step_id(store: FakeStore, position: int) -> int:
    return next(s.id for s in store.state.protocol_steps.values() if s.position == position)
