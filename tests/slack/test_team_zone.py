"""A team created without a time zone is asked for one, through the real Slack adapter at the
wire (issue 18): a button on the answer, a modal with a type-ahead select of common zones and a
box for any other, and the zone saved from the submission."""

from __future__ import annotations

from typing import Any

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.driver import Ack, Slack
from tests.slack.reading import blocks_text, button, readable


async def answer_blocks(slack: Slack, fake: FakeSlack, ack: Ack) -> list[dict[str, Any]]:
    """The blocks of a command's answer: in the ack, or later at its response URL."""
    if ack.blocks:
        return ack.blocks
    bodies = await fake.until(lambda: fake.responses_to(ack.response_url))
    blocks: list[dict[str, Any]] = bodies[-1].get("blocks", [])
    return blocks


async def test_a_team_created_without_a_zone_is_asked_for_it_with_a_searchable_select(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        ack = await r.slack.command("UANA", 'team create "Grade 4 Math"')
        blocks = await answer_blocks(r.slack, fake, ack)
        said = readable(blocks_text(blocks))
        assert "Which time zone does the team meet in?" in said
        assert "until you choose, it is *America/Chicago*" in said

        await r.slack.click("UANA", button(blocks, "Choose the time zone"))
        opened = await fake.until(lambda: [v for v in fake.views if v["method"] == "views.open"])
        view = opened[0]["view"]
        select = next(b for b in view["blocks"] if b.get("block_id") == "zone")["element"]
        assert select["type"] == "static_select"  # Slack filters its options as you type
        assert {"America/New_York", "America/Denver", "Europe/London"} <= {
            o["value"] for o in select["options"]
        }

        saved = await r.slack.submit("UANA", view, {"zone": "America/Denver", "other": ""})
        assert saved.status == 200 and saved.body == {"response_action": "clear"}
        told = await fake.until(lambda: fake.ephemerals)
        assert "Grade 4 Math's time zone is now *America/Denver*" in readable(
            blocks_text(told[-1]["blocks"])
        )
        listing = readable(await r.slack.reply(await r.slack.command("UANA", "schedule list")))
        assert "Grade 4 Math's time zone: America/Denver" in listing


async def test_a_typed_zone_that_does_not_exist_is_refused_beside_its_box_with_close_names(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        blocks = await answer_blocks(
            r.slack, fake, await r.slack.command("UANA", 'team create "Grade 4 Math"')
        )
        await r.slack.click("UANA", button(blocks, "Choose the time zone"))
        opened = await fake.until(lambda: fake.views)
        refused = await r.slack.submit("UANA", opened[0]["view"], {"zone": "UTC", "other": "Boise"})
        assert refused.body["response_action"] == "errors"
        assert "America/Boise" in refused.body["errors"]["other"]  # the closest name


async def test_a_team_created_with_a_zone_is_not_asked_again(fake: FakeSlack) -> None:
    async with running(fake) as r:
        ack = await r.slack.command("UANA", 'team create "Grade 4 Math" America/New_York')
        said = readable(blocks_text(await answer_blocks(r.slack, fake, ack)))
        assert "time zone America/New_York" in said and "Choose the time zone" not in said
