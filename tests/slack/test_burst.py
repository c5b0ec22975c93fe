"""A burst of commands on one process: let into the core a few at a time in the order they
came, so the first are answered at once and the rest queue, instead of all of them sharing the
event loop and finishing late together (which told half a burst of 500 "Working on it…").
Through the real HTTP endpoint, against the wire-level fake Slack."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from adapters.kit.admission import IN_FLIGHT
from adapters.slack.web import late_answer
from bot.api import Actor, Outcome, PlcBot
from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.driver import WORKING
from tests.slack.reading import readable

BURST = 30


class Counting:
    """The real core, with a count of the commands inside it at once; each stays a while
    (`hold`) or until `gate` opens."""

    def __init__(self, bot: PlcBot, *, hold: float = 0.0, gate: asyncio.Event | None = None):
        self._bot = bot
        self._hold = hold
        self._gate = gate
        self.inside = 0
        self.most = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._bot, name)

    async def command(self, actor: Actor, line: str, *, event_key: str | None = None) -> Outcome:
        self.inside += 1
        self.most = max(self.most, self.inside)
        try:
            if self._gate is not None:
                await self._gate.wait()
            await asyncio.sleep(self._hold)
            return await self._bot.command(actor, line, event_key=event_key)
        finally:
            self.inside -= 1


async def test_a_burst_goes_into_the_core_a_few_at_a_time_and_each_is_answered_in_its_ack(
    fake: FakeSlack,
) -> None:
    counting: list[Counting] = []

    def wrap(bot: PlcBot) -> Any:
        counting.append(Counting(bot, hold=0.1))
        return counting[0]

    async with running(fake, wrap=wrap) as r:
        await r.slack.reply(await r.slack.command("UANA", 'team create "Grade 4"'))
        acks = await asyncio.gather(*(r.slack.command(f"U{n:03d}", "norms") for n in range(BURST)))
    assert [a.status for a in acks] == [200] * BURST
    assert all("confidentiality" in readable(a.text).lower() for a in acks)  # none deferred
    assert counting[0].most <= IN_FLIGHT < BURST


async def test_requests_queued_past_their_budget_are_told_working_on_it_then_answered(
    fake: FakeSlack,
) -> None:
    """The core holds every slot until the acks are all out: the queued requests do not wait
    for a slot past their budget (they would never be acked), they are deferred; and their
    work still waits its turn for a slot, so the core never has more than its few at once."""
    gate = asyncio.Event()
    counting: list[Counting] = []

    def wrap(bot: PlcBot) -> Any:
        counting.append(Counting(bot, gate=gate))
        return counting[0]

    async with running(fake, wrap=wrap, budget=0.3) as r:
        gate.set()
        await r.slack.reply(await r.slack.command("UANA", 'team create "Grade 4"'))
        gate.clear()
        acks = await asyncio.gather(
            *(r.slack.command(f"U{n:03d}", "norms") for n in range(IN_FLIGHT + 4))
        )
        assert [a.text for a in acks] == [WORKING] * (IN_FLIGHT + 4)
        gate.set()
        answers = await asyncio.gather(*(r.slack.reply(a) for a in acks))
    assert all("confidentiality" in readable(answer).lower() for answer in answers)
    assert counting[0].most <= IN_FLIGHT


def test_a_late_request_is_answered_as_its_listener_would_answer_past_its_budget() -> None:
    command = late_answer({"command": "/plc", "text": "checkin 4"})
    assert command is not None and json.loads(command.text or "") == {
        "response_type": "ephemeral",
        "text": WORKING,
    }
    form = late_answer({"type": "view_submission", "view": {}})
    assert form is not None and json.loads(form.text or "") == {"response_action": "clear"}
    click = late_answer({"type": "block_actions", "actions": []})
    assert click is not None and click.status == 200 and not click.text
    assert late_answer({"type": "url_verification", "challenge": "c"}) is None  # Bolt echoes it
