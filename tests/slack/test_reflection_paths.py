"""Where a reflection goes, from Slack: the form's preselected choice, thread replies, DM replies."""

from __future__ import annotations

from bot.domain import MessageRef, PostedMessage, Visibility
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack, Posted
from tests.fakes import FakeStore
from tests.harness import START
from tests.slack.conftest import Running, running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator


def find(fake: FakeSlack, words: str, channel: str = "C1") -> list[Posted]:
    return [m for m in fake.in_channel(channel) if words in blocks_text(m.blocks)]


async def test_reflect_private_without_text_opens_the_modal_with_only_me_chosen(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.reply(await r.slack.command("UFAY", "prompt send"))
        # an earlier answer shared with the team must not decide the form's choice
        await r.slack.reply(await r.slack.command("UTEO", "reflect --team First thoughts."))
        await r.slack.command("UTEO", "reflect --private")
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view = opened[0]["view"]
        choice = next(b for b in view["blocks"] if b.get("block_id") == "visibility")["element"]
        assert choice["initial_option"]["value"] == "private"

        await r.slack.submit("UTEO", view, {"text": "Kept to myself.", "visibility": "private"})
        await fake.until(lambda: fake.ephemerals)
        (reflection,) = store.state.reflections.values()
        assert reflection.visibility is Visibility.PRIVATE


async def test_a_reply_in_a_prompts_thread_is_stored_and_confirmed_as_read_by_the_team(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        (prompt,) = await fake.until(lambda: find(fake, "Reflection prompt"))
        said = readable(blocks_text(prompt.blocks))
        assert "A reply in this thread is read by the whole team" in said
        assert "Reflect button (or by DM) and you choose who reads it" in said
        posts_before = len(fake.in_channel("C1"))

        await r.slack.thread_reply("UTEO", "C1", prompt.ts, "Everyone can see this anyway.")

        whisper = readable(blocks_text((await fake.until(lambda: fake.ephemerals))[0]["blocks"]))
        assert "the whole team" in whisper and "facilitators" not in whisper
        (reflection,) = store.state.reflections.values()
        assert reflection.visibility is Visibility.TEAM
        assert len(fake.in_channel("C1")) == posts_before  # the thread already shows it


async def two_teams_dmed(fake: FakeSlack, r: Running, store: FakeStore) -> list[int]:
    """UTEO teaches in C1 (Grade 4 Math) and C2 (Science); each team's prompt was DMed to him
    (as the reminder schedule records it): C1's at DUTEO 9.1, C2's at DUTEO 9.2."""
    await team_with_facilitator(r.slack)
    made = await r.slack.command("UANA", 'team create "Science" America/Chicago', channel="C2")
    assert "Science" in readable(await r.slack.reply(made))
    await r.slack.reply(await r.slack.command("UFAY", "prompt send"))
    await r.slack.reply(await r.slack.command("UANA", "prompt send", channel="C2"))
    deliveries = sorted(store.state.deliveries.values(), key=lambda d: d.id)
    for n, delivery in enumerate(deliveries, 1):
        ref = MessageRef("DUTEO", f"9.{n}")
        store.state.posted.append(
            PostedMessage("slack:T1", PROMPT_DM, delivery.id, ref, "UTEO", START)
        )
    return [d.id for d in deliveries]


async def test_a_slack_dm_that_two_teams_prompts_could_answer_asks_which_team_and_saves_nothing(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        await two_teams_dmed(fake, r, store)

        await r.slack.dm("UTEO", "Which team gets this?")

        (question,) = await fake.until(lambda: fake.in_channel("DUTEO"))
        said = readable(blocks_text(question.blocks))
        assert "Which team is this for?" in said
        assert "Grade 4 Math" in said and "Science" in said  # one button per team
        assert store.state.reflections == {}


async def test_a_slack_dm_replying_in_a_prompts_thread_answers_that_prompt_and_names_its_team(
    fake: FakeSlack,
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        math, _science = await two_teams_dmed(fake, r, store)
        reply = {"type": "message", "channel": "DUTEO", "user": "UTEO", "channel_type": "im"}

        await r.slack.event({**reply, "text": "For math.", "ts": "10.1", "thread_ts": "9.1"})

        (answer,) = await fake.until(lambda: fake.in_channel("DUTEO"))
        said = readable(blocks_text(answer.blocks))
        assert "Saved your reflection" in said and "Grade 4 Math" in said
        (reflection,) = store.state.reflections.values()
        assert (reflection.delivery_id, reflection.text) == (math, "For math.")
