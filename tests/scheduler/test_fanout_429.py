"""A wave of nudges meets Slack's rate limit: the real ScheduleRunner and the real SlackChat
(per-channel pacing, 429s waited out) against the wire-level fake Slack, 500 teams due at once.
In the middle of the fan-out the workspace goes over its limit and Slack answers every
chat.postMessage with 429 + Retry-After for a few seconds, longer than one Retry-After."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from adapters.slack.chat import SlackChat
from adapters.slack.clients import Clients
from bot.clock import FixedClock
from bot.domain import Community, CycleStage, Team
from bot.scheduling.model import RunState, Schedule, ScheduleKind
from bot.scheduling.runner import ScheduleRunner
from platform_fakes.slack.fake_slack import FakeSlack
from tests.fakes import FakeStore
from tests.harness import LIBRARIES

pytestmark = pytest.mark.slow

CHANNELS = 500
FIRE = datetime(2026, 9, 14, 20, 0, tzinfo=UTC)  # Monday 15:00 in Chicago
COMMUNITY = "slack:T1"


def channel(n: int) -> str:
    return f"C{n:04d}"


def five_hundred_teams_due_at_once() -> FakeStore:
    store = FakeStore()
    state = store.state
    made = FIRE - timedelta(days=7)
    state.communities[COMMUNITY] = Community(COMMUNITY, "slack", "T1", made)
    for n in range(CHANNELS):
        team_id, schedule_id = 2 * n + 1, 2 * n + 2
        state.teams[team_id] = Team(
            team_id,
            COMMUNITY,
            channel(n),
            f"Team {n}",
            "America/Chicago",
            "en",
            CycleStage.ANALYZE,
            1,
            made,
            made,
            "UADMIN",
        )
        state.schedules[schedule_id] = Schedule(
            schedule_id,
            COMMUNITY,
            team_id,
            ScheduleKind.STAGE_NUDGE,
            "weekdays 15:00",
            "America/Chicago",
            "UADMIN",
            made,
            FIRE,
        )
    store.ids = itertools.count(2 * CHANNELS + 1)
    return store


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    """Slack's own rule per channel: about one post a second, a burst of three."""
    fake = await FakeSlack(post_rate=1, post_burst=3).start()
    yield fake
    await fake.stop()


async def test_a_429_stretch_in_a_fan_out_to_500_channels_still_delivers_every_nudge_once(
    slack: FakeSlack,
) -> None:
    store = five_hundred_teams_due_at_once()
    clients = Clients(api_url=slack.api_url, bot_token=slack.add_workspace("T1").token)
    # After 150 nudges Slack refuses every post for 5 s, each time saying "retry after 1 s".
    slack.rate_limit("chat.postMessage", after=150, seconds=5.0, retry_after=1)
    started = time.monotonic()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        clients.use_session(session)  # one connection pool, as the Slack adapter runs it
        runner = ScheduleRunner(
            uow=store.uow,
            chat=SlackChat(clients, posts_per_second=1.0),
            libraries=LIBRARIES,
            clock=FixedClock(FIRE),
            batch=500,  # one wave with 64 posts in flight when the stretch begins
            batch_seconds=30.0,
            concurrency=64,
        )
        report = await asyncio.wait_for(runner.tick(), 45)
    elapsed = time.monotonic() - started

    posts = slack.calls_to("chat.postMessage")
    refused = [c for c in posts if c.status == 429]
    assert len(refused) >= 64, "the stretch of 429s did not hit the fan-out"
    assert Counter(m.channel for m in slack.messages) == {channel(n): 1 for n in range(CHANNELS)}
    assert all("Analyze student data · cycle 1" in m.text for m in slack.messages)
    assert len([c for c in posts if c.ok]) == CHANNELS
    assert (report.posted, report.failed) == (CHANNELS, 0)
    runs = store.state.runs.values()
    assert len(runs) == CHANNELS and {r.state for r in runs} == {RunState.SENT}
    assert elapsed < 30
