"""Prompts a team can see and add, from Slack at the wire: a facilitator adds one, the team
lists it numbered, and sending it by number posts its card to the channel."""

from __future__ import annotations

import re

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator


async def test_a_facilitator_adds_a_prompt_and_sends_it_by_its_number_in_the_list(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        added = readable(
            await slack.reply(
                await slack.command(
                    "UFAY", "prompt add analyze Which <b>student</b> surprised you?"
                )
            )
        )
        assert "Added prompt" in added
        listed = readable(await slack.reply(await slack.command("UTEO", "prompt list")))
        number = re.search(r"(\d+)\. `team-\d+` Which <b>student</b> surprised you\?", listed)
        assert number is not None, listed
        refused = readable(await slack.reply(await slack.command("UTEO", "prompt add learn Hi?")))
        assert "Only a facilitator" in refused
        sent = readable(
            await slack.reply(await slack.command("UFAY", f"prompt send {number.group(1)}"))
        )
        assert "Sent this prompt to the team: “Which <b>student</b> surprised you?”" in sent, sent
        card = await fake.until(
            lambda: [
                m
                for m in fake.in_channel("C1")
                if "Which <b>student</b> surprised you?" in readable(blocks_text(m.blocks))
            ]
        )
        assert "Reflection prompt" in blocks_text(card[0].blocks)
        assert [c for c in fake.calls if not c.ok] == []
