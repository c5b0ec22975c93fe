"""The district's Discord server in the two-process world (simulation/processes.py): served by
ONE of the `plcbot run` processes, since a bot holds one gateway connection (two would each get
every event, and answer each interaction twice). That process's Discord adapter is pointed at
the fake Discord on 127.0.0.1 (its REST base and gateway URL); people act on it exactly as in
the in-process world (simulation/discord_wire.py: the same code makes their slash commands,
clicks, modal submits and DMs, injects the gateway faults and reads everything back as
`Seen`). Only the waiting differs: the client is in another process, so "settled" is asked
over the wire and of the process:

- the process's `drain` is given the gateway session's last sequence, and answers once the
  client has read that far (it reads in order: every event before it has been dispatched to
  a handler; across a RESUME too) and its discord.py handlers, and what they started in the
  core, are done.

Killed (SIGKILL), the process loses its session; started again, it IDENTIFYs anew."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from functools import partial

from platform_fakes.discord.fake_gateway import Session
from simulation.discord_wire import SETTLE, DiscordWire
from simulation.workers import Worker

ASK_EVERY = 0.5  # seconds between looks at a connection the client is making again


class ProcessDiscord(DiscordWire):
    def __init__(self, guild_id: int, name: str) -> None:
        super().__init__(guild_id, name)
        self.worker: Worker | None = None  # the process serving the server

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

    # What people do, counted as the serving process's work under way (the Slack requests go
    # to the process with the least under way: a least-connections balancer's choice).

    async def command(self, user: str, channel: str, line: str) -> None:
        async with self._serving():
            await super().command(user, channel, line)

    async def click(self, user: str, channel: str, custom_id: str) -> None:
        async with self._serving():
            await super().click(user, channel, custom_id)

    async def submit(self, user: str, values: dict[str, str]) -> None:
        async with self._serving():
            await super().submit(user, values)

    async def dm(self, user: str, text: str) -> None:
        async with self._serving():
            await super().dm(user, text)

    @contextlib.asynccontextmanager
    async def _serving(self) -> AsyncIterator[None]:
        if self.worker is None:
            yield
            return
        async with self.worker.busy():
            yield

    def identifies(self) -> int:
        """Once per start of its process (a killed one lost its session)."""
        return self.worker.starts if self.worker is not None else 0

    async def settle(self) -> None:
        """Once the process's client has read every frame the gateway sent (a resume
        included) and the handlers they started, and what those started, are done: asked of
        the process's `drain` with the gateway's last sequence (not by asking the client for a
        heartbeat, which discord.py sends through its gateway rate limit of 110 a minute)."""
        assert self.worker is not None
        if not self.worker.alive:
            return
        async with asyncio.timeout(SETTLE):
            session = await self._live_session()
            await self.worker.drain(discord_sequence=session.seq)

    async def _live_session(self) -> Session:
        """The server's session once it has a connection (after a drop, the client's again)."""
        gateway = self.fake.gateway
        while True:
            session = gateway.session_for(self.guild_id)
            if session.ws is not None and not session.ws.closed:
                return session
            with contextlib.suppress(TimeoutError):
                await gateway.wait(partial(_connected, session), within=ASK_EVERY)


def _connected(session: Session) -> bool:
    return session.ws is not None and not session.ws.closed
