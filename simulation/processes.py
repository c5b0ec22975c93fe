"""The district served by two real `plcbot run` processes on one PostgreSQL database (issue
20): the same interface as World (say, dm, press, tick, now, the log), but every Slack request
is signed and POSTed to one of the processes in turn, and at each tick moment BOTH processes
tick at once, so the database's claims alone keep one post per (schedule, fire time).

The processes run on the simulation's clock (plcbot/simulated.py): the shared clock file is
written before everything the simulation does, each process ticks when its control listener
is told to, and a request's answer is read once its process has drained what the request
started in the background. Their database is reached through a proxy that can cut it off
(simulation/dbcut.py), on Unix sockets.

Faults (simulation/faults.py plans them at seeded moments): a process killed with SIGKILL
(requests and ticks go to the other until it is started again), and a database cut: a person
answered "nothing was saved" tries again once it is over, and a tick the database refused is
ticked again at the same moment (as the real scheduler's next tick would).

People of different teams at one moment act at once (simulation/lanes.py): each request goes
to the live process with the least under way, and everything the platforms received is read
back as each person's own (World._record).

The communities are a Slack workspace, served by both processes, and a Discord server, served
by the first alone (simulation/discord_process.py: a bot holds one gateway connection); no
console (`plcbot run` serves none)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.chat_router import ChatRouter
from bot.library_loader import load_libraries
from bot.service import PlcBot
from bot.usecases.context import Settings
from plcbot.app import open_storage
from simulation.dbcut import DatabaseCut, local_socket, through
from simulation.discord_process import ProcessDiscord
from simulation.events import EventLog
from simulation.oracle import TOKEN
from simulation.shared_clock import SharedClock, clock_folder
from simulation.slack_wire import SECRET, Seen, SlackWire
from simulation.workers import Worker
from simulation.world import DISCORD, DISCORD_GUILD, RETENTION_DAYS, SLACK, World
from storage.migrate import upgrade

NOT_SAVED = "couldn't reach the database"
ERROR = re.compile(r" (ERROR|CRITICAL) |^Traceback")


class ProcessSlack(SlackWire):
    """The fake Slack, and people's requests to the workers in turn (only the live ones)."""

    def __init__(self, team: str) -> None:
        super().__init__(team, "http")
        self.workers: list[Worker] = []
        self._turn = 0

    def next_worker(self) -> Worker:
        """The live process with the least under way (Slack requests, and Discord's events
        for the one serving Discord: a least-connections balancer); of those, one that does
        not serve Discord (it has the Discord server's every event besides), then each in
        turn."""
        live = [w for w in self.workers if w.alive]
        self._turn += 1
        turn = live[self._turn % len(live) :] + live[: self._turn % len(live)]
        return min(turn, key=lambda w: (w.serving, w.discord is not None))

    async def _deliver(self, body: str, headers: dict[str, str]) -> str:
        return await self.next_worker().post(body, headers)

    async def close(self) -> None:
        await self.fake.stop()


class ProcessWorld(World):
    def __init__(self, log: EventLog, start: datetime, *, processes: int = 2) -> None:
        super().__init__(log, start)
        self._clock_files = clock_folder()  # its sockets and tokens too
        self.shared = SharedClock(start, Path(self._clock_files.name) / "clock")
        self.clock = self.shared
        self.served = ProcessSlack(SLACK[len("slack:") :])
        self.slack = self.served
        self.discord: ProcessDiscord = ProcessDiscord(DISCORD_GUILD, "District")
        self.processes = processes
        self.cut: DatabaseCut | None = None
        self.faults: list[str] = []  # what went wrong, and what people did about it
        self.logged: dict[str, str] = {}  # each process's log (WARNING and up), once stopped
        self.parallel = True  # teams' people at one moment act at once (simulation/lanes.py)

    @property
    def workers(self) -> list[Worker]:
        return self.served.workers

    async def start(self, url: str) -> None:
        await upgrade(url)  # once, before the processes start (each would wait for the other)
        await self._beside(url)
        parsed = make_url(url)
        folder = Path(self._files.name)
        self.cut = DatabaseCut(
            parsed.host or "127.0.0.1",
            parsed.port or 5432,
            folder / "db",
            upstream=await local_socket(url),
        )
        await self.cut.start()
        on_the_cut = through(parsed, self.cut.folder)
        await self.slack.fake.start()
        workspace = self.slack.fake.add_workspace(self.slack.team)
        env = {
            "DATABASE_URL": on_the_cut.render_as_string(hide_password=False),
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_BOT_TOKEN": workspace.token,
            "SLACK_API_URL": self.slack.fake.api_url,
        }
        self.served.workers = [
            Worker(f"worker {n + 1}", folder / f"worker{n + 1}", self.shared, env)
            for n in range(self.processes)
        ]
        discord_env, self.workers[0].discord = await self.discord.open()
        self.workers[0].env = {**env, **discord_env}
        self.workers[0].name += " (and Discord)"
        try:
            await asyncio.gather(*(w.start() for w in self.workers))
            await self.discord.served(self.workers[0])
        except BaseException:
            await self.close()
            raise

    async def _beside(self, url: str) -> None:
        """The simulation's own units of work on the same database (not through the cut): the
        daily retention job and the web panel run here, as the district runs them beside the
        chat processes; the core the panel serves has no chat of its own."""
        self.storage = await self._stack.enter_async_context(open_storage(url))
        self.bot = PlcBot(
            uow=self.storage.uow,
            chat=ChatRouter(),
            libraries=load_libraries(),
            clock=self.clock,
            settings=Settings(
                default_timezone="America/Chicago", throttled=False, retention_days=RETENTION_DAYS
            ),
        )

    async def close(self) -> None:
        if self.panel is not None:
            await self.panel.close()
        await asyncio.gather(*(w.stop() for w in self.workers))
        for w in self.workers:
            self.logged[w.name] = w.tail(10**7)
        await self.slack.close()
        await self.discord.close()
        if self.cut is not None:
            await self.cut.stop()
        await self._stack.aclose()
        self._files.cleanup()
        self._clock_files.cleanup()

    async def tick(self, at: datetime) -> None:
        """Every live process ticks at `at` at once; one the database refused, again once the
        cut is over (the clock stands still meanwhile)."""
        self.clock.set(at)
        live = [w for w in self.workers if w.alive]
        while live:
            done = await asyncio.gather(*(w.tick() for w in live))
            live = [w for w, ok in zip(live, done, strict=True) if not ok]
            if live:
                await self._after_cut(f"{len(live)} of the processes' ticks found no database")
        self.ticks += 1
        self.log.add(self.stamp(), "tick")
        self._record(self.slack.take(), SLACK, scheduled=True)
        self._record(self.discord.take(), DISCORD, scheduled=True)

    def claims(self) -> str:
        """Which process claimed and posted the scheduled runs, and the claims each lost."""
        each = ", ".join(
            f"{w.name} claimed {w.ticked.get('claimed', 0)} and posted "
            f"{w.ticked.get('posted', 0)} ({w.ticked.get('lost_races', 0)} lost to the other)"
            for w in self.workers
        )
        return f"scheduled runs: {each}"

    def costs(self) -> str:
        """Each process's CPU (a killed one's too) and the control commands it was sent: the
        run's wall time is about the sum of every process's CPU (issue 20)."""
        each = ", ".join(
            f"{w.name} {w.cpu_seconds:.1f} s over {w.starts} start(s), "
            + " and ".join(f"{n} {kind}" for kind, n in sorted(w.asked.items()))
            for w in self.workers
        )
        return f"the plcbot processes' CPU and control commands: {each}"

    def log_verdicts(self) -> list[tuple[str, str, object, object]]:
        """Each process's log, once stopped: no error, and no reflection's words (each
        reflection carries its token)."""
        out: list[tuple[str, str, object, object]] = []
        for name, text in self.logged.items():
            errors = [line[:200] for line in text.splitlines() if ERROR.search(line)]
            out.append(("nothing logged as an error", name, [], errors[:5]))
            out.append(("no reflection in a log", name, [], sorted(set(TOKEN.findall(text)))))
        return out

    async def _after_cut(self, what: str) -> None:
        assert self.cut is not None
        self.faults.append(f"{self.stamp()}: {what}")
        if not self.cut.cutting:
            await asyncio.sleep(1.0)  # a connection broken by the cut, found on its next use
        await self.cut.over()

    async def say(self, cid: str, user: str, channel: str, line: str) -> list[Seen]:
        return await self._retried(lambda: self.say_once(cid, user, channel, line))

    async def say_once(self, cid: str, user: str, channel: str, line: str) -> list[Seen]:
        """`say`, not tried again whatever the answer."""
        return await super().say(cid, user, channel, line)

    async def dm(self, cid: str, user: str, text: str) -> list[Seen]:
        return await self._retried(lambda: super(ProcessWorld, self).dm(cid, user, text))

    async def press(self, cid: str, user: str, channel: str, action_id: str) -> list[Seen]:
        return await self._retried(
            lambda: super(ProcessWorld, self).press(cid, user, channel, action_id)
        )

    async def _retried(self, act: Callable[[], Awaitable[list[Seen]]]) -> list[Seen]:
        """A person told "nothing was saved" tries again once the database is back."""
        for _ in range(5):
            seen = await act()
            if not any(NOT_SAVED in s.text for s in seen):
                return seen
            await self._after_cut("a person was told nothing was saved, and will try again")
        return seen
