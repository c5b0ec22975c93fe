"""The fault suite: what production does to the bot, on loopback, each test bounded in time.

Two bounds, both ours (no plugin): `support.bounded(seconds)` fails an async test that runs
too long, and an autouse watchdog dumps every thread's stack and ends the run if a test
blocks past HARD_LIMIT (a hung event loop that no asyncio timeout can interrupt)."""

from __future__ import annotations

import faulthandler
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from platform_fakes.discord.fake_discord import FakeDiscord
from platform_fakes.slack.fake_slack import FakeSlack
from tests.reliability.pg_link import PgLink
from tests.storage.databases import truncate_all

HARD_LIMIT = 60.0  # seconds: no single test here comes near it


def _uncaptured_stderr(config: pytest.Config) -> Any:
    """The stderr that pytest's own faulthandler writes to (a copy made before output was
    captured), so the stacks are seen; sys.stderr when that is not there."""
    try:
        from _pytest.faulthandler import fault_handler_stderr_fd_key
    except ImportError:
        return sys.stderr
    return config.stash.get(fault_handler_stderr_fd_key, sys.stderr)


@pytest.fixture(autouse=True)
def watchdog(request: pytest.FixtureRequest) -> Iterator[None]:
    """Past HARD_LIMIT: every thread's stack on stderr, and the run ends (exit code 1)."""
    faulthandler.dump_traceback_later(
        HARD_LIMIT, exit=True, file=_uncaptured_stderr(request.config)
    )
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture
async def pg_url(request: pytest.FixtureRequest) -> str:
    """This session's migrated PostgreSQL database, emptied: the real server, for counting."""
    url: str = request.getfixturevalue("postgres_database")
    await truncate_all(url)
    return url


@pytest.fixture
async def link(pg_url: str) -> AsyncIterator[PgLink]:
    """A cuttable link to that database; the bot's engine connects to `link.url`."""
    link = await PgLink(pg_url).start()
    yield link
    await link.stop()


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """The wire-level fake Slack on loopback, 50 posts a second per channel."""
    fake = await FakeSlack(post_rate=50, post_burst=4).start()
    yield fake
    await fake.stop()


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """The fake Discord for a plcbot in another process (which points itself at it)."""
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.close()
