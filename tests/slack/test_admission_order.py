"""Who may hold one of the few slots into the core (adapters/kit/admission.py), through the
real HTTP endpoint against the wire-level fake Slack: a sender that never finishes its body
holds none (the body is read and its signature checked first), and work that finds every slot
held for good still gets its answer out, instead of waiting in silence."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from adapters.kit.admission import IN_FLIGHT
from bot.api import Actor, Outcome, PlcBot
from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.driver import WORKING
from tests.slack.reading import readable

HALF_A_REQUEST = (
    "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\ncommand="
)


class Holding:
    """The real core, where the commands of `held` users never finish until `gate` opens."""

    def __init__(self, bot: PlcBot, held: set[str], gate: asyncio.Event) -> None:
        self._bot, self._held, self._gate = bot, held, gate

    def __getattr__(self, name: str) -> Any:
        return getattr(self._bot, name)

    async def command(self, actor: Actor, line: str, *, event_key: str | None = None) -> Outcome:
        if actor.user_id in self._held:
            await self._gate.wait()
        return await self._bot.command(actor, line, event_key=event_key)


async def test_senders_that_never_finish_their_body_hold_no_slot(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await r.slack.reply(await r.slack.command("UANA", 'team create "Grade 4"'))
        slow = []
        for _ in range(IN_FLIGHT + 2):
            _, writer = await asyncio.open_connection("127.0.0.1", r.adapter.port)
            writer.write(HALF_A_REQUEST.encode())
            await writer.drain()
            slow.append(writer)
        await asyncio.sleep(0.3)  # let the server take them in (no assertion on time)
        ack = await r.slack.command("UBEA", "norms")
        for writer in slow:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
    assert ack.status == 200 and ack.text != WORKING  # answered in its turn, not deferred
    assert "confidentiality" in readable(ack.text).lower()


async def test_work_that_finds_every_slot_held_for_good_still_gets_its_answer_out(
    fake: FakeSlack,
) -> None:
    held = {f"U{n:03d}" for n in range(IN_FLIGHT)}
    gate = asyncio.Event()

    def wrap(bot: PlcBot) -> Any:
        return Holding(bot, held, gate)

    async with running(fake, wrap=wrap, budget=0.3) as r:
        r.adapter.admission.waiting = 0.3
        await r.slack.reply(await r.slack.command("UANA", 'team create "Grade 4"'))
        stuck = await asyncio.gather(*(r.slack.command(user, "norms") for user in sorted(held)))
        assert [a.text for a in stuck] == [WORKING] * IN_FLIGHT  # their work keeps the slots
        ack = await r.slack.command("UBEA", "norms")
        assert ack.text == WORKING
        answer = await r.slack.reply(ack)
        gate.set()
    assert "confidentiality" in readable(answer).lower()
