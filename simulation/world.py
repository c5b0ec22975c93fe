"""The district the simulation runs: one database, the real core, the real Slack adapter over
the fake Slack (HTTP or Socket Mode), the real Discord adapter over the fake Discord (gateway
and REST), the real console adapter, and the real scheduler's tick on a clock
the simulation moves (never a wall-clock sleep). Every action goes in through an adapter the
way a person's would, and everything the platforms received is written to the event log."""

from __future__ import annotations

from contextlib import AsyncExitStack
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.scheduler.scheduler import SchedulerAdapter
from bot.chat_router import ChatRouter
from bot.clock import FixedClock
from bot.library_loader import load_libraries
from bot.scheduling.runner import ScheduleRunner
from bot.service import PlcBot
from bot.usecases.context import Settings
from plcbot.app import Storage, open_storage
from simulation.console_wire import ConsoleWire
from simulation.discord_wire import DiscordWire
from simulation.events import EventLog
from simulation.scratch import run_folder
from simulation.slack_wire import Seen, SlackWire

if TYPE_CHECKING:
    from simulation.panel_wire import PanelWire

SLACK_TEAM = "T0SIM"
SLACK = f"slack:{SLACK_TEAM}"
CONSOLE_NAME = "school"
CONSOLE = f"console:{CONSOLE_NAME}"
DISCORD_GUILD = 810_000_000_000_000_001
DISCORD = f"discord:{DISCORD_GUILD}"
RETENTION_DAYS = 21  # the district's `[bot] retention_days`: short, so a month sees it work


class World:
    def __init__(self, log: EventLog, start: datetime, *, slack_mode: str = "http") -> None:
        self.log = log
        self.clock = FixedClock(start)
        self.slack = SlackWire(SLACK_TEAM, slack_mode)
        self._files = run_folder("plcbot-sim-")
        self.console = ConsoleWire(CONSOLE_NAME, Path(self._files.name) / "exports")
        self.discord = DiscordWire(DISCORD_GUILD, "District")
        self._stack = AsyncExitStack()
        self.scheduler: SchedulerAdapter | None = None
        self.bot: PlcBot | None = None
        self.storage: Storage | None = None  # its units of work, once started
        self.panel: PanelWire | None = None  # the web panel, once a checkpoint reads it
        self.ticks = 0
        self.cards: dict[tuple[str, str], list[str]] = {}  # the latest buttons in each channel
        # What reached each person while their latest action was under way (read back as the
        # action ends): several people act at once in the two-process world (Year.drain).
        self._mail: dict[str, list[Seen]] = {}
        self.parallel = False  # people of different teams act at one moment at once

    async def start(self, url: str) -> None:
        storage = await self._stack.enter_async_context(open_storage(url))
        self.storage = storage
        libraries = load_libraries()
        router = ChatRouter()
        router.add("slack", (await self.slack.build()).chat)
        router.add("console", self.console.console.chat)
        router.add("discord", (await self.discord.build()).chat)
        self.bot = PlcBot(
            uow=storage.uow,
            chat=router,
            libraries=libraries,
            clock=self.clock,
            settings=Settings(
                default_timezone="America/Chicago", throttled=False, retention_days=RETENTION_DAYS
            ),
        )
        self.console.console.attach(self.bot)
        await self.slack.start(self.bot)
        await self.discord.start(self.bot)
        runner = ScheduleRunner(uow=storage.uow, chat=router, libraries=libraries, clock=self.clock)
        self.scheduler = SchedulerAdapter(runner=runner)

    async def close(self) -> None:
        if self.panel is not None:
            await self.panel.close()
        await self.slack.close()
        await self.discord.close()
        await self._stack.aclose()
        self._files.cleanup()

    # ---- time ----------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def stamp(self) -> str:
        return self.now().isoformat()

    async def tick(self, at: datetime) -> None:
        """The scheduler's tick at `at`, as APScheduler would call it then."""
        assert self.scheduler is not None
        self.clock.set(at)
        await self.scheduler.tick()
        self.ticks += 1
        self.log.add(self.stamp(), "tick")
        self._record(self.slack.take(), SLACK, scheduled=True)
        self._record(self.console.take(), CONSOLE, scheduled=True)
        self._record(self.discord.take(), DISCORD, scheduled=True)

    # ---- people --------------------------------------------------------------------------------

    async def say(self, cid: str, user: str, channel: str, line: str) -> list[Seen]:
        """`/plc …` typed by `user` in `channel`; what the platform received meanwhile."""
        self._begin(user)
        if cid == SLACK:
            await self.slack.command(user, channel, line.removeprefix("/plc").strip())
            return self._record(self.slack.take(), cid, asked=user)
        if cid == DISCORD:
            await self.discord.command(user, channel, line)
            return self._record(self.discord.take(), cid, asked=user)
        await self.console.type(user, channel, line)
        return self._record(self.console.take(), cid, asked=user)

    async def dm(self, cid: str, user: str, text: str) -> list[Seen]:
        """A direct message from `user` to the bot."""
        self._begin(user)
        if cid == SLACK:
            await self.slack.dm(user, text)
            return self._record(self.slack.take(), cid, asked=user)
        if cid == DISCORD:
            await self.discord.dm(user, text)
            return self._record(self.discord.take(), cid, asked=user)
        await self.console.type(user, self.console.console.channel, f"/dm {text}")
        return self._record(self.console.take(), cid, asked=user)

    async def press(self, cid: str, user: str, channel: str, action_id: str) -> list[Seen]:
        """A button `user` was shown, pressed."""
        self._begin(user)
        if cid == SLACK:
            await self.slack.click(user, channel, action_id)
            return self._record(self.slack.take(), cid, asked=user)
        if cid == DISCORD:
            await self.discord.click(user, channel, action_id)
            return self._record(self.discord.take(), cid, asked=user)
        number = self.console.buttons().index(action_id) + 1
        await self.console.type(user, channel, str(number))
        return self._record(self.console.take(), cid, asked=user)

    async def fill(self, cid: str, user: str, values: dict[str, str]) -> list[Seen]:
        """The form `user` was shown last, filled in with `values` (by field id) and submitted
        (a Discord modal)."""
        if cid != DISCORD:
            raise NotImplementedError(f"forms in {cid} are not driven yet")
        self._begin(user)
        await self.discord.submit(user, values)
        return self._record(self.discord.take(), cid, asked=user)

    async def submit(self, user: str, view: dict[str, Any], values: dict[str, Any]) -> list[Seen]:
        """A Slack form `user` was shown, filled in and submitted."""
        self._begin(user)
        await self.slack.submit(user, view, values)
        return self._record(self.slack.take(), SLACK, asked=user)

    async def in_thread(self, user: str, channel: str, thread_ts: str, text: str) -> list[Seen]:
        """A reply in the thread of a bot's post in a Slack channel."""
        self._begin(user)
        await self.slack.in_thread(user, channel, thread_ts, text)
        return self._record(self.slack.take(), SLACK, asked=user)

    def _begin(self, user: str) -> None:
        """`user` acts: what reached them before is behind them (it is in the log)."""
        self._mail[user] = []

    def _record(
        self, seen: list[Seen], cid: str, *, scheduled: bool = False, asked: str | None = None
    ) -> list[Seen]:
        """Everything the platform received since the last look, into the log; returned, what
        reached `asked` while their action was under way (with people of other teams acting at
        the same moment, what reached them is kept for them, each person's to their own)."""
        at = self.stamp()
        for s in seen:
            if s.user is None and s.buttons and s.channel is not None:
                self.cards[(cid, s.channel)] = s.buttons
            if s.user is None:
                self.log.add(
                    at, "post", community=cid, channel=s.channel, text=s.text, scheduled=scheduled
                )
            elif scheduled:
                self.log.add(at, "dm", community=cid, user=s.user, text=s.text, scheduled=True)
            else:
                files = "\n".join(f.decode("utf-8", "replace") for f in s.files)
                self.log.add(at, "shown", community=cid, user=s.user, text=s.text + files)
                if s.user in self._mail:
                    self._mail[s.user].append(s)
        return self._mail.pop(asked, []) if asked is not None else []
