"""People acting at once each ask their process for a drain after their request: the drains
asked while another is under way go out as one command once it is answered, with the latest
gateway sequence asked for, and nobody is answered by a drain sent before they asked (issue 20:
before, each waited its turn on the one control connection, then for the whole process again)."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

from plcbot.simulated import FileClock, control_files, control_listener
from simulation.shared_clock import SharedClock
from simulation.workers import Worker

START = datetime(2026, 9, 14, 12, 30, tzinfo=UTC)


async def test_drains_asked_during_one_go_out_as_one_with_the_latest_sequence(
    tmp_path: Path,
) -> None:
    shared = SharedClock(START, tmp_path / "clock")
    heard: list[str] = []
    release, under_way = asyncio.Event(), asyncio.Event()

    async def drain() -> None:
        heard.append("drained")
        if heard.count("drained") == 1:
            under_way.set()
            await release.wait()  # the first drain is under way while the others are asked

    async def read_through(sequence: int) -> None:
        heard.append(f"read to {sequence}")

    worker = Worker("worker", tmp_path, shared, {})
    async with control_listener(FileClock(shared.path), None, [drain], read_through) as where:
        _, token = control_files(FileClock(shared.path), os.getpid())
        reader, writer = await asyncio.open_unix_connection(str(where))
        writer.write(token.read_bytes())
        worker._control = reader, writer
        first = asyncio.create_task(worker.drain(discord_sequence=3))
        await asyncio.wait_for(under_way.wait(), 5)
        later = [
            asyncio.create_task(worker.drain(discord_sequence=9)),
            asyncio.create_task(worker.drain()),
            asyncio.create_task(worker.drain(discord_sequence=5)),
        ]
        await asyncio.sleep(0.05)
        assert not first.done() and not any(t.done() for t in later)
        release.set()
        await asyncio.wait_for(asyncio.gather(first, *later), 5)
        writer.close()
    # The first drain (sequence 3), then ONE for the three asked during it, with sequence 9;
    # each drain runs the listener's drains twice (replies, then the posts they start).
    assert heard == ["read to 3", "drained", "drained", "read to 9", "drained", "drained"]
    assert worker.asked == {"drain": 2}
