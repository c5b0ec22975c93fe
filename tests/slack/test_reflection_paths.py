"""Where a reflection goes, from Slack: the form's preselected choice, thread replies, DM replies."""

from __future__ import annotations

from bot.domain import Visibility
from tests.fakes import FakeStore
from tests.slack.conftest import running
from tests.slack.fake_slack import FakeSlack, Posted
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
