"""The district's Discord server in the two-process world (simulation/processes.py): served by
ONE of the `plcbot run` processes, since a bot holds one gateway connection (two would each get
every event, and answer each interaction twice). That process's Discord adapter is pointed at
the fake Discord on 127.0.0.1 (its REST base and gateway URL); people act on it exactly as in
the in-process world (simulation/discord_wire.py: the same code makes their slash commands,
clicks, modal submits and DMs, injects the gateway faults and reads everything back as
`Seen`). Only the waiting differs: the client is in another process, so "settled" is asked
over the wire and of the process:

- the fake gateway asks the client for a heartbeat (op 1), which carries the last sequence it
  read (it reads in order: every event before it has been dispatched to a handler), repeated
  until that is the session's last (across a RESUME too);
- then the process's /drain answers once its discord.py handlers, and what they started in
  the core, are done.

Killed (SIGKILL), the process loses its session; started again, it IDENTIFYs anew.

discord.py answers op 1 through its gateway rate limiter (110 frames a minute), and over it the
client stops reading the gateway until the minute is out, so the interactions sent meanwhile
expire unanswered. Real Discord seldom asks; the simulation asks at every settle, so it keeps
to a budget of its own and, when it is spent, waits for the next minute before asking (that
wait is not counted against the settle's deadline)."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from functools import partial

from platform_fakes.discord.fake_gateway import Session
from simulation.discord_wire import SETTLE, DiscordWire
from simulation.workers import Worker

ASK_EVERY = 0.5  # seconds before the fake asks again for a heartbeat that has not come
ASKS, PER = 100, 60.0  # heartbeats asked per minute at most (discord.py answers 110)


class ProcessDiscord(DiscordWire):
    def __init__(self, guild_id: int, name: str) -> None:
        super().__init__(guild_id, name)
        self.worker: Worker | None = None  # the process serving the server
        self._asked: deque[float] = deque()  # when each heartbeat of the last minute was asked

    async def open(self) -> tuple[dict[str, str], tuple[str, str]]:
        """The fake started: the serving process's environment and where discord.py goes."""
        await self.fake.start()
        return {"DISCORD_TOKEN": self.fake.token}, (self.fake.api_base, self.fake.gateway_url)

    async def served(self, worker: Worker) -> None:
        """Once `worker` has (again) identified and `/plc` is registered."""
        self.worker = worker
        await self.fake.connected(worker.starts, within=SETTLE)
        await self.fake.until(lambda: None in self.fake.commands, within=SETTLE)
        await self.settle()

    async def close(self) -> None:
        await self.fake.close()

    def identifies(self) -> int:
        """Once per start of its process (a killed one lost its session)."""
        return self.worker.starts if self.worker is not None else 0

    async def settle(self) -> None:
        async with asyncio.timeout(SETTLE) as deadline:
            await self._read_to_the_end(deadline)
        assert self.worker is not None
        if self.worker.alive:
            await self.worker.drain()

    async def _read_to_the_end(self, deadline: asyncio.Timeout) -> None:
        gateway = self.fake.gateway
        while True:
            session = gateway.session_for(self.guild_id)
            if session.ws is not None and not session.ws.closed:
                if session.heard >= session.seq:
                    return
                await self._within_budget(deadline)
                await gateway.ask_heartbeat(session)
            with contextlib.suppress(TimeoutError):
                await gateway.wait(partial(_read_all, session), within=ASK_EVERY)

    async def _within_budget(self, deadline: asyncio.Timeout) -> None:
        loop = asyncio.get_running_loop()
        self._forget_before(loop.time() - PER)
        if len(self._asked) >= ASKS:
            wait = PER - (loop.time() - self._asked[0]) + ASK_EVERY
            when = deadline.when()
            deadline.reschedule(None if when is None else when + wait)
            await asyncio.sleep(wait)
            self._forget_before(loop.time() - PER)
        self._asked.append(loop.time())

    def _forget_before(self, moment: float) -> None:
        while self._asked and self._asked[0] < moment:
            self._asked.popleft()


def _read_all(session: Session) -> bool:
    return session.heard >= session.seq
