"""Attendance from Slack at the wire: the Here button on the session card, and the facilitator's
Sign off attendance button on the close summary."""

from __future__ import annotations

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.reading import blocks_text, button, readable
from tests.slack.test_commands import team_with_facilitator
from tests.slack.test_interactions import find


async def test_here_on_the_card_and_the_sign_off_button_make_a_signed_pd_record(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        await slack.command("UFAY", "session open Fractions")
        card = (await fake.until(lambda: find(fake, "Session open: Fractions")))[0]
        ack = await slack.click("UTEO", button(card.blocks, "Here"), ts=card.ts)
        assert ack.status == 200
        said = await fake.until(lambda: [b for bodies in fake.responses.values() for b in bodies])
        assert "Marked you present at *Fractions (" in readable(blocks_text(said[-1]["blocks"]))
        assert said[-1]["response_type"] == "ephemeral"
        closing = await slack.command("UFAY", "session close")
        if closing.blocks:
            blocks = closing.blocks
        else:
            bodies = await fake.until(lambda: fake.responses_to(closing.response_url))
            blocks = bodies[-1]["blocks"]
        sign = button(blocks, "Sign off attendance")
        await slack.click("UFAY", sign, ts="9.9")
        confirmed = await fake.until(
            lambda: [
                b
                for bodies in fake.responses.values()
                for b in bodies
                if "Signed off attendance" in readable(blocks_text(b["blocks"]))
            ]
        )
        assert "1 newly confirmed" in readable(blocks_text(confirmed[0]["blocks"]))
        log = readable(await slack.reply(await slack.command("UTEO", "me pdhours")))
        assert "signed off by <@UFAY>" in log and "America/Chicago" in log
        assert [c for c in fake.calls if not c.ok] == []
