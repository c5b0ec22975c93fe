"""Each adapter of `plcbot run` under supervision: restarted after growing pauses when it fails
or ends, stopped for good (alone) by a configuration error, and never let to hold up a stop."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time

import pytest

from bot.config import ConfigError
from bot.supervision import shut_down, supervise, until_stopped


class Flaky:
    """An adapter that fails `failures` times, then serves until stopped."""

    def __init__(self, stop: asyncio.Event, failures: int) -> None:
        self.stop = stop
        self.failures = failures
        self.starts: list[float] = []
        self.serving = asyncio.Event()

    async def run(self) -> None:
        self.starts.append(time.monotonic())
        if len(self.starts) <= self.failures:
            raise RuntimeError("the platform went away")
        self.serving.set()
        await self.stop.wait()


async def test_a_failing_adapter_is_restarted_after_growing_pauses_and_stops_when_told(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = asyncio.Event()
    adapter = Flaky(stop, failures=3)
    task = asyncio.create_task(supervise("discord", adapter.run, stop, first_retry=0.1))
    await asyncio.wait_for(adapter.serving.wait(), 5)
    stop.set()
    assert await asyncio.wait_for(task, 2) is None
    gaps = [b - a for a, b in itertools.pairwise(adapter.starts)]
    assert gaps[0] >= 0.1 and gaps[1] >= 0.2 and gaps[2] >= 0.4
    failures = [r for r in caplog.records if "the discord adapter failed" in r.getMessage()]
    assert len(failures) == 3 and all(r.exc_info for r in failures)


async def test_an_adapter_that_ends_by_itself_is_started_again() -> None:
    stop = asyncio.Event()
    runs = 0

    async def ends() -> None:
        nonlocal runs
        runs += 1
        if runs == 2:
            stop.set()

    assert await asyncio.wait_for(supervise("slack", ends, stop, first_retry=0.01), 2) is None
    assert runs == 2


async def test_a_configuration_error_stops_only_that_adapter_without_retrying() -> None:
    stop = asyncio.Event()
    calls = 0

    async def bad_token() -> None:
        nonlocal calls
        calls += 1
        raise ConfigError("DISCORD_TOKEN: Discord did not accept the token")

    other = Flaky(stop, failures=0)
    discord = asyncio.create_task(supervise("discord", bad_token, stop, first_retry=0.01))
    slack = asyncio.create_task(supervise("slack", other.run, stop))
    error = await asyncio.wait_for(discord, 2)
    assert isinstance(error, ConfigError) and calls == 1
    await asyncio.sleep(0.05)
    assert not slack.done()  # the other platform goes on
    stop.set()
    await asyncio.wait_for(slack, 2)


async def test_plcbot_run_waits_for_a_signal_while_any_platform_adapter_still_serves() -> None:
    stop = asyncio.Event()
    ended = asyncio.create_task(asyncio.sleep(0))
    serving = asyncio.create_task(stop.wait())
    waiting = asyncio.create_task(until_stopped(stop, [ended, serving]))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    stop.set()
    await asyncio.wait_for(waiting, 1)


async def test_plcbot_run_ends_once_every_platform_adapter_has_stopped_for_good() -> None:
    stop = asyncio.Event()
    ended = [asyncio.create_task(asyncio.sleep(0)), asyncio.create_task(asyncio.sleep(0.02))]
    await asyncio.wait_for(until_stopped(stop, ended), 1)
    assert not stop.is_set()


async def test_an_adapter_that_ignores_the_stop_is_cancelled_after_the_grace_period(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="plcbot")
    stuck = asyncio.create_task(asyncio.sleep(60), name="the slack adapter")
    started = time.monotonic()
    await shut_down([stuck], grace=0.2)
    assert stuck.cancelled() and time.monotonic() - started < 1.5
    assert "the slack adapter did not stop within" in caplog.text
