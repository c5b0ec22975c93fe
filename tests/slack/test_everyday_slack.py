"""Everyday friction through the real Slack adapter and the wire-level fake (issue 18): the
forget confirmation can be cancelled; a DM reply in a thread is answered in that thread."""

from __future__ import annotations

from bot.domain import MessageRef, PostedMessage
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack
from tests.fakes import FakeStore
from tests.harness import START
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, button, readable
from tests.slack.test_commands import team_with_facilitator
from tests.slack.test_interactions import find
from tests.slack.test_withdrawals import WORDS, answered


async def test_the_forget_confirmation_has_a_cancel_button_that_deletes_nothing(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        await slack.reply(await slack.command("UTEO", f"reflect --team {WORDS}"))
        ask = await slack.command("UTEO", "me forget")
        await slack.reply(ask)
        before = {key: len(bodies) for key, bodies in fake.responses.items()}
        await slack.click("UTEO", button(answered(fake, ask), "Cancel"))
        said = await fake.until(
            lambda: [
                blocks_text(b.get("blocks", [])) or b.get("text", "")
                for key, bodies in fake.responses.items()
                for b in bodies[before.get(key, 0) :]
                if "nothing was deleted" in (blocks_text(b.get("blocks", [])) or b.get("text", ""))
            ]
        )
        assert "Cancelled" in readable(said[0])
    shared = [
        blocks_text(m.blocks) for m in fake.in_channel("C1") if "guessing" in blocks_text(m.blocks)
    ]
    assert shared and all("removed by its author" not in s for s in shared)  # not withdrawn


async def test_a_dm_reply_inside_a_thread_is_answered_in_that_thread(fake: FakeSlack) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        await fake.until(lambda: find(fake, "Reflection prompt"))
        (delivery,) = store.state.deliveries.values()
        store.state.posted.append(  # the prompt the bot DMed UTEO, as a reminder records it
            PostedMessage(
                "slack:T1", PROMPT_DM, delivery.id, MessageRef("DUTEO", "9.1"), "UTEO", START
            )
        )
        ack = await r.slack.event(
            {
                "type": "message",
                "channel": "DUTEO",
                "channel_type": "im",
                "user": "UTEO",
                "text": "Wait time helped.",
                "ts": "9.2",
                "thread_ts": "9.1",
            }
        )
        assert ack.status == 200
        (answer,) = await fake.until(lambda: fake.in_channel("DUTEO"))
        assert "Saved your reflection" in readable(blocks_text(answer.blocks))
        assert answer.thread_ts == "9.1"  # in the thread the person wrote in


async def test_a_check_in_button_opens_a_small_form_for_the_word_and_saves_it(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UFAY", "session open Fractions"))
        (card,) = await fake.until(lambda: find(fake, "Session open"))
        await r.slack.click("UTEO", button(card.blocks, "4 — ready to dig in"), ts=card.ts)
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view = opened[0]["view"]
        assert view["title"]["text"] == "Add a word"
        assert "Checked in: 4 — ready to dig in." in readable(blocks_text(view["blocks"]))
        (checkin,) = store.state.checkins.values()
        assert (checkin.score, checkin.word) == (4, None)  # recorded at the click
        await r.slack.submit("UTEO", view, {"word": "curious"})
        said = await fake.until(lambda: [e for e in fake.ephemerals if "(curious)" in str(e)])
        assert "Checked in: 4 — ready to dig in (curious)." in readable(str(said[0]))
        (checkin,) = store.state.checkins.values()
        assert (checkin.score, checkin.word) == (4, "curious")
