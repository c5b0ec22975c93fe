"""Buttons, modals, replies to prompts (DM and thread) and the App Home, end to end."""

from __future__ import annotations

import pytest

from bot.domain import CommunityRef, MessageRef, PostedMessage
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack, Posted
from tests.fakes import FakeStore
from tests.harness import START
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, button, readable
from tests.slack.test_commands import team_with_facilitator

MODES = ["http", "socket"]


def find(fake: FakeSlack, words: str, channel: str = "C1") -> list[Posted]:
    return [m for m in fake.in_channel(channel) if words in blocks_text(m.blocks)]


@pytest.mark.parametrize("mode", MODES)
async def test_a_check_in_button_on_the_session_card_updates_the_card_instead_of_reposting(
    fake: FakeSlack, mode: str
) -> None:
    async with running(fake, mode=mode) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "session open Fractions")
        card = (await fake.until(lambda: find(fake, "Session open: Fractions")))[0]
        posts_before = len(fake.calls_to("chat.postMessage"))

        ack = await r.slack.click("UTEO", button(card.blocks, "4 — ready to dig in"), ts=card.ts)
        assert ack.status == 200

        update = (await fake.until(lambda: fake.calls_to("chat.update")))[0]
        assert (update.args["channel"], update.args["ts"]) == ("C1", card.ts)
        assert "1 person has checked in" in readable(blocks_text(card.blocks))
        assert len(fake.calls_to("chat.postMessage")) == posts_before  # not reposted
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        # only the clicker sees the answer: a small form confirming it and offering the word
        assert "Checked in: 4" in readable(blocks_text(opened[0]["view"]["blocks"]))


async def test_the_reflect_button_on_a_prompt_opens_the_modal_for_that_prompt(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        prompt = (await fake.until(lambda: find(fake, "Reflection prompt")))[0]
        reflect = button(prompt.blocks, "Reflect")
        await r.slack.click("UTEO", reflect, ts=prompt.ts)
        opened = (await fake.until(lambda: fake.views))[0]
        assert opened["method"] == "views.open"
        assert opened["view"]["callback_id"] == reflect["value"]
        assert "C1" in opened["view"]["private_metadata"]


async def test_the_pulse_buttons_record_both_answers(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "session open Fractions")
        await r.slack.command("UFAY", "session close")
        pulse = (await fake.until(lambda: find(fake, "two quick questions")))[0]
        await r.slack.click("UTEO", button(pulse.blocks, "5 — strongly agree"), ts=pulse.ts)
        await r.slack.click("UTEO", button(pulse.blocks, "Yes"), ts=pulse.ts)
        said = await fake.until(
            lambda: [
                b
                for bodies in fake.responses.values()
                for b in bodies
                if "Thank you" in blocks_text(b["blocks"])
            ]
        )
        assert said
        report = readable(await r.slack.reply(await r.slack.command("UFAY", "report")))
        assert "100% would recommend" in report


@pytest.mark.parametrize("mode", MODES)
async def test_a_reply_in_a_prompts_thread_is_recorded_for_that_prompt(
    fake: FakeSlack, mode: str
) -> None:
    store = FakeStore()
    async with running(fake, mode=mode, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        await r.slack.command("UFAY", "prompt send")
        first, _second = await fake.until(lambda: find(fake, "Reflection prompt")[:2])

        text = "Small groups & <b>wait time</b> helped."
        ack = await r.slack.thread_reply("UTEO", "C1", first.ts, text)
        assert ack.status == 200

        whisper = (await fake.until(lambda: fake.ephemerals))[0]
        assert (whisper["channel"], whisper["user"], whisper["thread_ts"]) == (
            "C1",
            "UTEO",
            first.ts,
        )
        assert "Saved your reflection" in readable(blocks_text(whisper["blocks"]))
        (reflection,) = store.state.reflections.values()
        earliest = min(store.state.deliveries.values(), key=lambda d: d.id)
        assert (reflection.user_id, reflection.delivery_id, reflection.text) == (
            "UTEO",
            earliest.id,
            text,
        )


async def test_a_reply_in_someone_elses_thread_or_plain_channel_talk_is_left_alone(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.thread_reply("UTEO", "C1", "1700000000.000100", "not for the bot")
        await r.slack.event(
            {"type": "message", "channel": "C1", "user": "UTEO", "text": "hello all", "ts": "1.2"}
        )
        await r.slack.event(
            {
                "type": "message",
                "subtype": "channel_join",
                "channel": "C1",
                "user": "UX",
                "ts": "1.3",
            }
        )
        await r.slack.command("UTEO", "norms")  # a later request, so the earlier work is done
        assert store.state.reflections == {} and fake.ephemerals == []


@pytest.mark.parametrize("mode", MODES)
async def test_a_dm_to_the_bot_answers_the_prompt_it_last_sent_that_person(
    fake: FakeSlack, mode: str
) -> None:
    store = FakeStore()
    async with running(fake, mode=mode, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        await r.slack.command("UFAY", "prompt send")
        await fake.until(lambda: len(find(fake, "Reflection prompt")) == 2)
        first, second = sorted(store.state.deliveries.values(), key=lambda d: d.id)
        # the prompt the bot DMed UTEO is the first one (as a scheduled DM would record it)
        community = CommunityRef("slack", "T1")
        store.state.posted.append(
            PostedMessage(
                community.id, PROMPT_DM, first.id, MessageRef("DUTEO", "9.1"), "UTEO", START
            )
        )

        ack = await r.slack.dm("UTEO", "Exit tickets told me more than the quiz did.")
        assert ack.status == 200

        answer = (await fake.until(lambda: fake.in_channel("DUTEO")))[0]
        assert "Saved your reflection" in readable(blocks_text(answer.blocks))
        (reflection,) = store.state.reflections.values()
        assert reflection.delivery_id == first.id != second.id
        assert reflection.text == "Exit tickets told me more than the quiz did."


async def test_opening_the_app_home_publishes_the_teachers_own_page(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        await r.slack.command("UTEO", "reflect --private I noticed who never raises a hand.")
        await r.slack.open_home("UTEO")
        published = (
            await fake.until(lambda: [v for v in fake.views if v["method"] == "views.publish"])
        )[0]
        assert published["user_id"] == "UTEO" and published["view"]["type"] == "home"
        page = readable(blocks_text(published["view"]["blocks"]))
        assert "Grade 4 Math" in page and "I noticed who never raises a hand." in page


async def test_the_app_home_answer_button_opens_the_modal_without_a_channel(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UTEO", "checkin 3")  # UTEO takes part in the team
        await r.slack.command("UFAY", "prompt send")
        await r.slack.open_home("UTEO")
        published = (
            await fake.until(lambda: [v for v in fake.views if v["method"] == "views.publish"])
        )[0]
        await r.slack.click("UTEO", button(published["view"]["blocks"], "Answer"), channel=None)
        opened = (await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"]))[
            0
        ]
        assert opened["view"]["callback_id"].startswith("plc:reflect:")


async def test_a_teachers_export_arrives_as_files_in_their_dm(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        await r.slack.command("UTEO", "reflect --private Mine & only mine.")
        ack = await r.slack.command("UTEO", "me export")
        assert ack.status == 200
        note = (await fake.until(lambda: fake.in_channel("DUTEO")))[0]
        assert note.blocks
        shared = await fake.until(
            lambda: [f for f in fake.files.values() if f["channel"] == "DUTEO"]
        )
        names = sorted(f["name"] for f in shared)
        assert any(n.endswith(".json") for n in names) and any(n.endswith(".csv") for n in names)
        exported = next(f["content"] for f in shared if f["name"].endswith(".json")).decode()
        assert "Mine & only mine." in exported


async def test_an_uninstall_marks_the_community_removed_in_the_core(fake: FakeSlack) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        ack = await r.slack.event({"type": "app_uninstalled"})
        assert ack.status == 200
        await fake.until(lambda: store.state.communities["slack:T1"].removed_at is not None)


async def test_a_thread_reply_also_sent_to_the_channel_is_recorded_too(fake: FakeSlack) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        prompt = (await fake.until(lambda: find(fake, "Reflection prompt")))[0]
        reply = {"type": "message", "subtype": "thread_broadcast", "channel": "C1", "user": "UTEO"}
        await r.slack.event(
            {**reply, "text": "Also for everyone.", "ts": "5.5", "thread_ts": prompt.ts}
        )
        await fake.until(lambda: store.state.reflections)
        assert [x.text for x in store.state.reflections.values()] == ["Also for everyone."]
