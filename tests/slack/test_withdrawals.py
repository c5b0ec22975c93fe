"""Forget through the real Slack adapter when Slack refuses to edit the shared post: the
receipt says the withdrawal is still under way, and the scheduler's tick lands it later."""

from __future__ import annotations

from typing import Any

from bot.clock import FixedClock
from bot.scheduling.runner import ScheduleRunner
from platform_fakes.slack.fake_slack import FakeSlack
from tests.harness import LIBRARIES
from tests.slack.conftest import running
from tests.slack.driver import Ack
from tests.slack.reading import blocks_text, button, readable
from tests.slack.test_commands import team_with_facilitator

WORDS = "Exit tickets showed me who was guessing."


def answered(fake: FakeSlack, ack: Ack) -> list[dict[str, Any]]:
    return ack.blocks or fake.responses_to(ack.response_url)[-1].get("blocks", [])


async def test_a_forget_slack_refuses_to_withdraw_is_reported_and_withdrawn_by_a_later_tick(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        slack = r.slack
        await team_with_facilitator(slack)
        await slack.reply(await slack.command("UTEO", f"reflect --team {WORDS}"))
        (shared,) = await fake.until(
            lambda: [m for m in fake.in_channel("C1") if "guessing" in blocks_text(m.blocks)]
        )
        ask = await slack.command("UTEO", "me forget")
        await slack.reply(ask)
        fake.fail_next("chat.update", status=500)  # Slack refuses the edit, once
        before = {key: len(bodies) for key, bodies in fake.responses.items()}
        await slack.click("UTEO", button(answered(fake, ask), "Yes, delete my data"))
        receipts = await fake.until(
            lambda: [
                blocks_text(b.get("blocks", []))
                for key, bodies in fake.responses.items()
                for b in bodies[before.get(key, 0) :]
                if "Deleted" in blocks_text(b.get("blocks", []))
            ]
        )
        assert "1 shared reflection is still being withdrawn; we will keep trying" in readable(
            receipts[0]
        )
        assert "guessing" in blocks_text(shared.blocks)  # still there, as the receipt says

        clock = r.bot._clock
        assert isinstance(clock, FixedClock)
        clock.advance(minutes=1)
        runner = ScheduleRunner(uow=r.bot._uow, chat=r.bot._chat, libraries=LIBRARIES, clock=clock)
        assert (await runner.tick()).withdrawn == 1
        assert "removed by its author" in readable(blocks_text(shared.blocks))
        assert "guessing" not in blocks_text(shared.blocks)
