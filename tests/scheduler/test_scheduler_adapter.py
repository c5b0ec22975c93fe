"""The APScheduler adapter, with real APScheduler timing (short poll) and the real core."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from adapters.scheduler import SchedulerAdapter, SingleSchedulerLock
from tests.harness import Harness


class CountingRunner:
    def __init__(self) -> None:
        self.ticks = 0

    async def tick(self) -> None:
        self.ticks += 1

    def stop_claiming(self) -> None:
        pass


async def run_for(adapter: SchedulerAdapter, seconds: float) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(stop))
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.wait_for(task, 5)


async def test_apscheduler_calls_the_core_tick_every_poll_interval() -> None:
    runner = CountingRunner()
    await run_for(SchedulerAdapter(runner=runner, poll_seconds=1), 2.6)
    assert 2 <= runner.ticks <= 3


async def test_with_sqlite_a_second_process_runs_without_the_scheduler_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = SingleSchedulerLock(tmp_path / "scheduler.lock")
    assert first.acquire()
    runner = CountingRunner()
    with caplog.at_level(logging.WARNING, logger="plcbot.scheduler"):
        await run_for(
            SchedulerAdapter(
                runner=runner, poll_seconds=1, lock=SingleSchedulerLock(tmp_path / "scheduler.lock")
            ),
            1.5,
        )
    assert runner.ticks == 0
    assert "another plcbot process runs the scheduler" in caplog.text
    first.release()
    assert SingleSchedulerLock(tmp_path / "scheduler.lock").acquire()


async def test_a_schedule_added_through_one_worker_is_obeyed_by_another_within_the_poll_interval() -> (
    None
):
    worker_a = Harness()  # takes the admin's command
    worker_b = Harness(worker_a.store.uow)  # runs the scheduler; shares only the database
    worker_b.clock = worker_a.clock
    adapter = SchedulerAdapter(runner=worker_b.runner(), poll_seconds=1)
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(stop))
    try:
        await worker_a.team_with_facilitator()
        assert (await worker_a.say("ana", '/plc schedule add norms_reminder "daily 10:00"')).ok
        schedule = next(iter(worker_a.store.state.schedules.values()))
        assert schedule.next_fire_at is not None
        worker_a.clock.set(schedule.next_fire_at)
        for _ in range(30):
            await asyncio.sleep(0.1)
            if any("Our working norms" in s.text for s in worker_b.chat.sent):
                break
        assert any("Our working norms" in s.text for s in worker_b.chat.sent)
        assert (await worker_a.say("ana", f"/plc schedule pause {schedule.id}")).ok
        worker_a.clock.advance(days=1)
        before = len(worker_b.chat.sent)
        await asyncio.sleep(1.5)
        assert len(worker_b.chat.sent) == before
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


class SlowTickRunner:
    """A tick that lasts until it is told to stop claiming, then takes `after_stop` more."""

    def __init__(self, after_stop: float) -> None:
        self.started = asyncio.Event()
        self.stop_claiming_called = asyncio.Event()
        self.finished = False
        self.after_stop = after_stop
        self.ticks = 0

    async def tick(self) -> None:
        self.ticks += 1
        self.started.set()
        await self.stop_claiming_called.wait()
        await asyncio.sleep(self.after_stop)
        self.finished = True

    def stop_claiming(self) -> None:
        self.stop_claiming_called.set()


async def test_a_stop_lets_the_tick_finish_claiming_no_more_after_half_the_drain_time() -> None:
    runner = SlowTickRunner(after_stop=0.3)
    adapter = SchedulerAdapter(runner=runner, poll_seconds=1, drain_seconds=2.0)
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(stop))
    await asyncio.wait_for(runner.started.wait(), 5)
    stop.set()
    await asyncio.sleep(0.5)
    assert not task.done() and not runner.stop_claiming_called.is_set()  # the minute goes on
    await asyncio.wait_for(task, 5)  # at 1 s it stops claiming; 0.3 s later the tick is done
    assert runner.stop_claiming_called.is_set() and runner.finished
    assert runner.ticks == 1  # no new tick started meanwhile


async def test_a_tick_that_outlasts_the_drain_time_is_cut_off_and_said_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    runner = SlowTickRunner(after_stop=60.0)
    adapter = SchedulerAdapter(runner=runner, poll_seconds=1, drain_seconds=0.4)
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.run(stop))
    await asyncio.wait_for(runner.started.wait(), 5)
    stop.set()
    with caplog.at_level(logging.WARNING, logger="plcbot.scheduler"):
        await asyncio.wait_for(task, 5)
    assert not runner.finished
    assert "did not finish within 0.4 s" in caplog.text and "post outcome unknown" in caplog.text
