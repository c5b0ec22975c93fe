"""One scheduler worker process for the multi-process test: the real core (ScheduleRunner) over
the real PostgreSQL storage, ticking in a loop on a virtual clock.

    python -m tests.scheduler.worker --database URL --clock FILE --posts FILE --name w1 ...

- Time: the test writes an ISO timestamp to `--clock` (atomically, by rename). Before each tick
  the worker reads it and freezes its Clock there for the whole tick, as a real tick reads the
  time once. The test only ever sets whole minutes, so a tick's time is the fire time of every
  run it claims for an every-minute schedule; the test checks that against the database.
- Posts: every post appends one JSON line (worker, community, channel, fire time) to `--posts`,
  opened with O_APPEND, so lines of concurrent workers never interleave.
- `--hang-after N --hang-from ISO`: in the first tick at or after that time in which this
  worker has already begun N posts, its next post (and every later one) never returns: the
  platform call hangs. Once the posts begun before have landed, the worker writes `--marker`,
  so the test knows when to kill -9.
- It stops on SIGTERM, when its parent goes away, or after `--lifetime` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FixedClock
from bot.domain import CommunityRef, MessageRef
from bot.export import ExportFile
from bot.library_loader import load_libraries
from bot.messages import Message
from bot.scheduling.runner import ScheduleRunner
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory

log = logging.getLogger("plcbot.test.worker")


def read_clock(path: Path) -> datetime:
    return datetime.fromisoformat(path.read_text(encoding="utf-8").strip()).astimezone(UTC)


def write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


class FileChat:
    """The Chat port as a log file: one JSON line per post, appended atomically."""

    def __init__(
        self,
        name: str,
        posts: Path,
        *,
        delay: float,
        hang_after: int | None,
        hang_from: datetime | None,
        marker: Path | None,
    ) -> None:
        self.name = name
        self._fd = os.open(posts, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._delay = delay
        self._hang_after = hang_after
        self._hang_from = hang_from
        self._marker = marker
        self._count = 0
        self._in_tick = 0
        self._in_flight = 0  # posts past the hang check that have not landed yet
        self._landed = asyncio.Event()
        self._hung = False
        self.tick_at = datetime.min.replace(tzinfo=UTC)

    def new_tick(self, at: datetime) -> None:
        self.tick_at = at
        self._in_tick = 0

    async def _maybe_hang(self) -> None:
        """Counts post calls as they start, so the hang comes in the middle of a batch whose
        posts run concurrently: some of the batch posted, the rest stuck. The marker is written
        once the posts that got through have landed in the log, so the test knows them all."""
        if not self._hung and (
            self._hang_after is not None
            and self._hang_from is not None
            and self.tick_at >= self._hang_from
            and self._in_tick >= self._hang_after
        ):
            self._hung = True
            log.warning("%s: the platform call hangs from now on", self.name)
            while self._in_flight:
                self._landed.clear()
                await self._landed.wait()
            if self._marker is not None:
                write_atomically(self._marker, self.tick_at.isoformat())
        if self._hung:
            await asyncio.Event().wait()  # forever: only kill -9 ends this
        self._in_tick += 1
        self._in_flight += 1

    async def post(
        self,
        community: CommunityRef,
        channel_id: str,
        message: Message,
        *,
        thread: MessageRef | None = None,
    ) -> MessageRef:
        await self._maybe_hang()
        if self._delay:
            await asyncio.sleep(self._delay)  # a platform round trip
        self._count += 1
        line = {
            "worker": self.name,
            "community": community.id,
            "channel": channel_id,
            "fire_at": self.tick_at.isoformat(),
        }
        os.write(self._fd, (json.dumps(line) + "\n").encode())
        self._in_flight -= 1
        self._landed.set()
        return MessageRef(channel_id, f"{self.name}-{self._count}")

    async def dm(self, community: CommunityRef, user_id: str, message: Message) -> MessageRef:
        return await self.post(community, f"D-{user_id}", message)

    async def update(self, community: CommunityRef, ref: MessageRef, message: Message) -> None:
        return None

    async def dm_files(
        self, community: CommunityRef, user_id: str, message: Message, files: Sequence[ExportFile]
    ) -> MessageRef:
        return await self.dm(community, user_id, message)


async def run(args: argparse.Namespace) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    parent = os.getppid()
    deadline = time.monotonic() + args.lifetime
    chat = FileChat(
        args.name,
        Path(args.posts),
        delay=args.post_delay,
        hang_after=args.hang_after,
        hang_from=datetime.fromisoformat(args.hang_from) if args.hang_from else None,
        marker=Path(args.marker) if args.marker else None,
    )
    clock_file = Path(args.clock)
    clock = FixedClock(read_clock(clock_file))
    uow = SqlUnitOfWorkFactory(make_engine(args.database))
    runner = ScheduleRunner(
        uow=uow,
        chat=chat,
        libraries=load_libraries(),
        clock=clock,
        grace=timedelta(minutes=60),
        batch=args.batch,
    )
    ready = False
    try:
        while not stop.is_set():
            if os.getppid() != parent or time.monotonic() > deadline:
                log.warning("%s: parent gone or lifetime over; stopping", args.name)
                break
            now = read_clock(clock_file)
            clock.set(now)
            chat.new_tick(now)
            await runner.tick()
            if not ready:
                write_atomically(Path(args.ready), now.isoformat())
                ready = True
            try:
                await asyncio.wait_for(stop.wait(), args.poll)
            except TimeoutError:
                pass
    finally:
        await uow.dispose()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.scheduler.worker")
    parser.add_argument("--database", required=True)
    parser.add_argument("--clock", required=True)
    parser.add_argument("--posts", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--poll", type=float, default=0.02)
    parser.add_argument("--post-delay", type=float, default=0.002)
    parser.add_argument("--hang-after", type=int)
    parser.add_argument("--hang-from")
    parser.add_argument("--marker")
    parser.add_argument("--lifetime", type=float, default=90.0)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format=f"%(asctime)s {args.name} %(levelname)s %(name)s: %(message)s"
    )
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
