"""A flood of commands from one person through the real Slack HTTP endpoint (signed requests
to slack-bolt, the real core behind it): that person is slowed with a polite message, and
everyone else's commands, interleaved with the flood, are answered as usual."""

from __future__ import annotations

import asyncio
import re

from bot.clock import FixedClock
from bot.service import SLOW_DOWN
from bot.usecases.context import Settings
from platform_fakes.slack.fake_slack import FakeSlack
from tests.fakes import FakeStore
from tests.reliability.support import bounded
from tests.slack.conftest import running
from tests.slack.driver import Ack
from tests.slack.reading import readable
from tests.slack.test_commands import team_with_facilitator

LIMITS = Settings()  # what the adapter's bot runs with: per_minute and burst by default
SLOWED = re.compile(re.escape(SLOW_DOWN).replace(r"\{seconds\}", r"(\d+)"))


def slowed_for(ack: Ack) -> int | None:
    """The wait the polite refusal names, or None when the command was answered."""
    match = SLOWED.fullmatch(readable(ack.text))
    return int(match.group(1)) if match else None


def checkins_of(store: FakeStore, user: str) -> list[int]:
    return [c.score for c in store.state.checkins.values() if c.user_id == user]


@bounded(30)
async def test_a_hundred_commands_in_a_minute_from_one_person_are_slowed_politely_and_others_are_unaffected(
    fake_slack: FakeSlack,
) -> None:
    store, fake = FakeStore(), fake_slack
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        assert "Session opened" in readable(
            await r.slack.reply(await r.slack.command("UFAY", "session open Fractions"))
        )
        clock = r.bot._clock
        assert isinstance(clock, FixedClock)

        flood: list[Ack] = []
        others: dict[str, str] = {}
        for n in range(100):  # one every 0.6 s: a hundred in a minute
            clock.advance(seconds=0.6)
            flood.append(await r.slack.command("UFLO", f"checkin {n % 5 + 1}"))
            if n % 10 == 5:  # someone else, in the middle of it
                other = f"UT{n // 10:02d}"
                others[other] = readable(
                    await r.slack.reply(await r.slack.command(other, "checkin 4 curious"))
                )

        assert all(ack.status == 200 for ack in flood)
        answered = [ack for ack in flood if slowed_for(ack) is None]
        refused = [ack for ack in flood if slowed_for(ack) is not None]
        # the burst goes through at once, then about per_minute a minute; no more
        assert flood[: LIMITS.burst] == answered[: LIMITS.burst]
        assert LIMITS.burst <= len(answered) <= LIMITS.burst + LIMITS.per_minute + 1
        assert len(refused) == 100 - len(answered) >= 50
        for ack in answered:
            said = readable(ack.text)
            assert said.startswith(("Checked in", "Updated your check-in")), said
        for ack in refused:
            # polite, private, at once in the acknowledgement, with a real wait to honour
            assert ack.body["response_type"] == "ephemeral"
            assert ack.seconds < 1.0
            assert 1 <= (slowed_for(ack) or 0) <= 60
            assert "I did not run that one" in readable(ack.text)

        # everyone else was answered normally, and their check-ins were recorded
        assert len(others) == 10
        for user, said in others.items():
            assert said.startswith("Checked in") and "(curious)" in said
            assert checkins_of(store, user) == [4]
        assert len(checkins_of(store, "UFLO")) == 1  # one check-in, updated; not 100 rows

        # the flooder is back once they wait the time they were told
        clock.advance(seconds=slowed_for(refused[-1]) or 60)
        back = await r.slack.command("UFLO", "checkin 5")
        assert slowed_for(back) is None
        assert readable(back.text).startswith("Updated your check-in: *5")


@bounded(20)
async def test_a_burst_of_concurrent_commands_from_one_person_lets_only_the_burst_through_and_others_still_answer(
    fake_slack: FakeSlack,
) -> None:
    store, fake = FakeStore(), fake_slack
    async with running(fake, uow=store.uow) as r:
        await team_with_facilitator(r.slack)
        flood = [r.slack.command("UFLO", "norms") for _ in range(60)]
        others = [r.slack.command(f"UT{n:02d}", "norms") for n in range(10)]
        acks = await asyncio.gather(*flood, *others)
        mine, theirs = acks[:60], acks[60:]
        assert sum(slowed_for(a) is None for a in mine) == LIMITS.burst
        for ack in theirs:
            assert slowed_for(ack) is None and "norms" in readable(ack.text).lower()
