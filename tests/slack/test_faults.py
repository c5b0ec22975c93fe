"""Faults and bad input: forged or stale requests, retried events, rate limits, expired
triggers, hostile text, a slow or broken core."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import pytest

from bot.domain import MessageRef, PostedMessage
from bot.ports import UnitOfWork
from bot.usecases.reflections import PROMPT_DM
from platform_fakes.slack.fake_slack import FakeSlack
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeStore
from tests.harness import START
from tests.slack.conftest import running
from tests.slack.driver import WORKING
from tests.slack.reading import blocks_text, readable
from tests.slack.test_commands import team_with_facilitator
from tests.slack.test_interactions import find

MODES = ["http", "socket"]


@pytest.mark.parametrize("offset, why", [(0, "bad signature"), (-301, "301 s old")])
async def test_a_forged_or_stale_request_gets_401_and_nothing_is_written(
    fake: FakeSlack, offset: int, why: str
) -> None:
    store = FakeStore()
    async with running(fake, uow=store.uow) as r:
        r.slack.timestamp_offset = offset
        if why == "bad signature":
            r.slack.secret = "not-the-signing-secret"
        ack = await r.slack.command("UANA", 'team create "Grade 4 Math"')
        event = await r.slack.dm("UANA", "hello")
        assert (ack.status, event.status) == (401, 401)
        await asyncio.sleep(0.2)
        assert store.commits == 0 and store.state.teams == {}
        assert fake.calls == [] and fake.responses_to(ack.response_url) == []


@pytest.mark.parametrize("mode", MODES)
async def test_an_event_delivered_four_times_records_one_reply_and_posts_once(
    fake: FakeSlack, mode: str, sqlite_url: str
) -> None:
    await upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    uow = SqlUnitOfWorkFactory(engine)
    try:
        async with running(fake, mode=mode, uow=uow) as r:
            await team_with_facilitator(r.slack)
            await r.slack.command("UFAY", "prompt send")
            await fake.until(lambda: find(fake, "Reflection prompt"))
            async with uow() as u:
                (delivery,) = await u.deliveries.list("slack:T1", 1)
                dm = MessageRef("DUTEO", "9.1")
                await u.posted.add(
                    PostedMessage("slack:T1", PROMPT_DM, delivery.id, dm, "UTEO", START)
                )
                await u.commit()

            body = r.slack.event_body(
                {
                    "type": "message",
                    "channel": "DUTEO",
                    "channel_type": "im",
                    "user": "UTEO",
                    "text": "Once.",
                    "ts": "9.2",
                },
                event_id="Ev0RETRIED",
            )
            acks = await asyncio.gather(
                *(r.slack.send("events_api", body, retry=n) for n in range(4))
            )
            assert [a.status for a in acks] == [200] * 4

            await fake.until(lambda: fake.in_channel("DUTEO"))
            await asyncio.sleep(0.5)  # time for any duplicate to show up
            assert len(fake.in_channel("DUTEO")) == 1
            async with uow() as u:
                mine = await u.reflections.by_user("slack:T1", "UTEO")
            assert [x.text for x in mine] == ["Once."]
    finally:
        await engine.dispose()


async def test_a_post_answered_429_arrives_once_after_the_retry_after_wait(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        fake.fail_next("chat.postMessage", 1, retry_after=1)
        ack = await r.slack.command("UFAY", "session open Fractions")
        assert "Session opened" in await r.slack.reply(ack)
        cards = await fake.until(lambda: find(fake, "Session open: Fractions"))
        refused, accepted = fake.calls_to("chat.postMessage")[-2:]
        assert refused.status == 429 and accepted.ok
        assert accepted.at - refused.at >= 1.0
        assert len(cards) == 1


async def test_an_expired_trigger_gets_an_ephemeral_telling_the_person_to_try_again(
    fake: FakeSlack,
) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        ack = await r.slack.command("UTEO", "reflect", trigger=fake.new_trigger(age=4))
        said = await fake.until(lambda: fake.responses_to(ack.response_url))
        assert fake.calls_to("views.open")[0].error == "expired_trigger_id"
        text = readable(blocks_text(said[0]["blocks"]))
        assert "could not open in time" in text and "/plc reflect <text>" in text
        assert said[0]["response_type"] == "ephemeral"


async def test_a_trigger_used_twice_gets_the_same_fallback(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "prompt send")
        prompt = (await fake.until(lambda: find(fake, "Reflection prompt")))[0]
        reflect = next(e for b in prompt.blocks if b["type"] == "actions" for e in b["elements"])
        trigger = fake.new_trigger()
        await r.slack.click("UTEO", reflect, ts=prompt.ts, trigger=trigger)
        await fake.until(lambda: fake.views)
        await r.slack.click("UTEO", reflect, ts=prompt.ts, trigger=trigger)
        await fake.until(
            lambda: [c for c in fake.calls_to("views.open") if c.error == "exchanged_trigger_id"]
        )
        said = await fake.until(lambda: [b for bodies in fake.responses.values() for b in bodies])
        assert "Press the button again" in readable(blocks_text(said[0]["blocks"]))


HOSTILE = "<!channel> <!here> <@U0BOSS|boss> &amp; & < > *loud* _slanted_ ~gone~ `code`"


async def test_hostile_text_reaches_slack_literally_and_pings_nobody(fake: FakeSlack) -> None:
    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        # typed @channel and @boss arrive as Slack control sequences (should_escape is on)
        await r.slack.command("UFAY", f"norms add {HOSTILE}", as_sent=True)
        await r.slack.command("UFAY", f"session open {HOSTILE}", as_sent=True)
        await r.slack.command("UTEO", f"reflect --team {HOSTILE}", as_sent=True)
        await fake.until(lambda: find(fake, "shared a reflection"))
        card = find(fake, "Session open")[0]

        sent = json.dumps(
            [c.args for c in fake.calls] + [b for v in fake.responses.values() for b in v]
        )
        for control in ("<!channel>", "<!here>", "<@U0BOSS"):
            assert control not in sent
        typed = "<!channel> <!here> <@U0BOSS|boss> & & < > *loud* _slanted_ ~gone~ `code`"
        quote = find(fake, "shared a reflection")[0]
        assert typed in readable(blocks_text(quote.blocks))
        assert typed in readable(blocks_text(card.blocks))  # the norm, in the card's bullets
        assert (
            "&lt;!channel&gt; &lt;!here&gt; &lt;@U0BOSS|boss&gt; &amp; &amp; &lt; &gt;"
            in blocks_text(card.blocks)
        )
        mrkdwn = [
            b["text"]["text"] for b in card.blocks if b.get("text", {}).get("type") == "mrkdwn"
        ]
        norms = next(t for t in mrkdwn if "gone" in t)  # the bullets: mrkdwn, so neutralised
        assert "*loud*" not in norms and "\u200d*\u200dloud\u200d*\u200d" in norms


class SlowUnitOfWork:
    """The real unit of work, five seconds late to start: a slow database."""

    def __init__(self, inner: UnitOfWork, seconds: float) -> None:
        self._inner, self._seconds = inner, seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def __aenter__(self) -> UnitOfWork:
        await asyncio.sleep(self._seconds)
        return await self._inner.__aenter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)


def slow(store: FakeStore, seconds: float) -> Callable[[], Any]:
    return lambda: SlowUnitOfWork(store.uow(), seconds)


@pytest.mark.parametrize("mode", MODES)
async def test_a_slow_core_still_gets_the_ack_out_in_time_and_answers_later(
    fake: FakeSlack, mode: str
) -> None:
    async with running(fake, mode=mode, uow=slow(FakeStore(), 5.0)) as r:
        start = time.monotonic()
        ack = await r.slack.command("UANA", 'team create "Grade 4 Math"')
        assert ack.seconds < 3.0 and ack.text == WORKING  # Slack's deadline
        answer = await r.slack.reply(ack, within=8)
        assert "Created the learning team" in readable(answer)
        assert time.monotonic() - start >= 5.0


async def test_a_broken_core_answers_with_an_apology_not_an_error(fake: FakeSlack) -> None:
    def broken() -> Any:
        raise RuntimeError("a bug in a use case")

    async with running(fake, uow=broken) as r:
        ack = await r.slack.command("UANA", "norms")
        assert ack.status == 200 and "Something went wrong on my side" in ack.text


async def test_a_check_in_click_whose_form_is_too_late_still_says_the_check_in_was_saved(
    fake: FakeSlack,
) -> None:
    """Found by the school-year simulation (seed 5, a loaded machine): a check-in button's
    word form missed Slack's 3 s, and the teacher was told only "The form could not open in
    time … write your reflection", not that the check-in was saved."""
    from tests.slack.reading import button

    async with running(fake) as r:
        await team_with_facilitator(r.slack)
        await r.slack.command("UFAY", "session open Fractions")
        card = (await fake.until(lambda: find(fake, "Session open: Fractions")))[0]
        choice = button(card.blocks, "4 — ready to dig in")
        ack = await r.slack.click("UTEO", choice, ts=card.ts, trigger=fake.new_trigger(age=4))
        assert ack.status == 200
        said = await fake.until(lambda: [b for bodies in fake.responses.values() for b in bodies])
        text = readable(blocks_text(said[-1]["blocks"])).replace("*", "")
        assert "Checked in: 4" in text and "could not open in time" in text
        assert "write your reflection" not in text
