"""A real `plcbot run` process on the simulation's clock (plcbot/simulated.py): started with
its own settings file and environment, Slack in HTTP mode pointed at the fake Slack in the
simulation's process, its database the run's own (through the cut proxy); ticked and drained
through its control listener (one Unix socket connection, a line each way a command; drains
asked at once go out as one); stopped with SIGTERM, or killed with SIGKILL and started again, a
new process on the same port.

A worker that serves the Discord server too (`discord`: the fake's REST base and gateway URL)
is started by a two-line launcher that points discord.py at the fake before `plcbot`'s own
main runs (PLATFORM-NOTES.md: its two URL overrides), as tests/reliability start one."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import aiohttp

from simulation.shared_clock import SharedClock
from simulation.world import RETENTION_DAYS

ROOT = Path(__file__).resolve().parents[1]
PR_SET_PDEATHSIG = 1
LAUNCH = (
    "import sys, discord, yarl; "
    "discord.http.Route.BASE = sys.argv[1]; "
    "discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2]); "
    "from plcbot.cli import main; sys.exit(main(sys.argv[3:]))"
)
STARTING = 90.0  # seconds a process has to migrate, connect and listen (a busy machine)
ANSWERING = 120.0  # seconds a tick or drain may take (a busy machine; a database cut's retries)
# The variables a `plcbot run` reads from the environment: only the simulation's are passed.
OWN = ("SLACK_", "DISCORD_", "DATABASE_URL", "PLCBOT_")
SETTINGS = """[bot]
data_dir = "{data}"
default_timezone = "America/Chicago"
log_level = "WARNING"
retention_days = {retention}
[slack]
port = {port}
channel_posts_per_second = 100
[operations]
enabled = false
[web]
enabled = false
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before it runs plcbot: SIGKILL it when the simulation's process dies
    (Linux's parent-death signal), so a simulation killed itself leaves no `plcbot run`."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass
class _Drain:
    """A drain to be sent: the latest gateway sequence its askers want read, and its sending."""

    sequence: int | None = None
    sent: asyncio.Task[None] | None = None


@dataclass
class Worker:
    name: str
    folder: Path
    clock: SharedClock
    env: dict[str, str]  # the Slack variables and DATABASE_URL (and DISCORD_TOKEN)
    discord: tuple[str, str] | None = None  # the fake Discord's REST base and gateway URL
    slack_port: int = field(default_factory=free_port)
    proc: asyncio.subprocess.Process | None = None
    starts: int = 0
    ticked: dict[str, int] = field(default_factory=dict)  # its ticks' reports, added up
    asked: dict[str, int] = field(default_factory=dict)  # control commands sent, by kind
    cpu_seconds: float = 0.0  # the CPU of its processes that have ended (read before each end)
    serving: int = 0  # the simulation's requests under way in it
    _session: aiohttp.ClientSession | None = None
    _control: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    _asking: asyncio.Lock = field(default_factory=asyncio.Lock)  # one command at a time
    _next_drain: _Drain | None = None  # the drain to be sent once the command under way ends
    _log: IO[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.slack_port}/slack/events"

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    async def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        settings = self.folder / "plcbot.toml"
        data = self.folder / "data"
        settings.write_text(
            SETTINGS.format(data=data, port=self.slack_port, retention=RETENTION_DAYS),
            encoding="utf-8",
        )
        clean = {k: v for k, v in os.environ.items() if not k.startswith(OWN)}
        env = {**clean, "PYTHONPATH": str(ROOT), "SLACK_HTTP_HOST": "127.0.0.1", **self.env}
        env["PLCBOT_SIMULATED_CLOCK"] = str(self.clock.path)
        if self._log is not None:
            self._log.close()
        self._log = (self.folder / "plcbot.log").open("a", encoding="utf-8")
        launch = ["-m", "plcbot"] if self.discord is None else ["-c", LAUNCH, *self.discord]
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            *launch,
            "--config",
            str(settings),
            "run",
            cwd=self.folder,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=self._log,
            preexec_fn=_die_with_parent,  # no orphan if the simulation is killed
        )
        self.starts += 1
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        await self._ready()

    async def _ready(self) -> None:
        """Once the process's control listener and Slack endpoint listen: connected to the
        first (plcbot/simulated.py), one connection for all the commands it will be sent."""
        assert self.proc is not None
        stem = f"{self.clock.path.name}.{self.proc.pid}"
        where, token = (self.clock.path.with_name(f"{stem}.{end}") for end in ("sock", "control"))
        async with asyncio.timeout(STARTING):
            while not token.exists():
                if not self.alive:
                    raise RuntimeError(f"plcbot run ({self.name}) stopped:\n{self.tail()}")
                await asyncio.sleep(0.05)
            self._hang_up()
            reader, writer = await asyncio.open_unix_connection(str(where))
            writer.write(token.read_bytes())
            self._control = reader, writer
            while True:  # the Slack listener may open just after the control listener
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", self.slack_port)
                except OSError:
                    await asyncio.sleep(0.05)
                    continue
                writer.close()
                return

    def _hang_up(self) -> None:
        if self._control is not None:
            self._control[1].close()
            self._control = None

    def _count_cpu(self) -> None:
        """The live process's CPU so far (user and system, from /proc), added up."""
        assert self.proc is not None
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = Path(f"/proc/{self.proc.pid}/stat").read_text(encoding="ascii")
            fields = stat.rsplit(")", 1)[1].split()
            self.cpu_seconds += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "plcbot.log").read_text(encoding="utf-8")[-chars:]
        return ""

    async def post(self, body: str, headers: dict[str, str]) -> str:
        """A signed request to the process's Slack endpoint; its answer, once whatever it
        started in the background has gone out."""
        assert self._session is not None
        async with self.busy():
            async with self._session.post(self.url, data=body, headers=headers) as response:
                raw = await response.text()
            await self.drain()
        return raw

    @contextlib.asynccontextmanager
    async def busy(self) -> AsyncIterator[None]:
        """Inside, one more of the simulation's requests is under way in the process."""
        self.serving += 1
        try:
            yield
        finally:
            self.serving -= 1

    async def _ask(self, command: str) -> dict[str, Any]:
        """`command`'s answer from the process's control listener."""
        async with self._asking:
            return await self._exchange(command)

    async def _exchange(self, command: str) -> dict[str, Any]:
        """`command` sent and its answer read (the caller holds `_asking`)."""
        assert self._control is not None
        reader, writer = self._control
        kind = command.split(" ", 1)[0]
        self.asked[kind] = self.asked.get(kind, 0) + 1
        async with asyncio.timeout(ANSWERING):
            writer.write(f"{command}\n".encode())
            line = await reader.readline()
        if not line:
            raise ConnectionError(f"plcbot run ({self.name}) hung up on {command!r}")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"plcbot run ({self.name}) refused {command!r}: {answer}")
        return answer

    async def tick(self) -> bool:
        """One tick at the shared clock's time; False when the database was unreachable."""
        answer = await self._ask("tick")
        for name, n in answer.get("report", {}).items():
            self.ticked[name] = self.ticked.get(name, 0) + int(n)
        return bool(answer["ok"])

    async def drain(self, discord_sequence: int | None = None) -> None:
        """Once what the process started in the background has gone out; given the Discord
        gateway's last sequence, once its client has read that far first.

        People acting at once each ask for a drain after their request's answer (or their
        gateway frame): the drains asked while another command is under way are sent as one
        once it is answered (with the latest sequence asked), since a drain sent after a
        request's answer covers that request. Before, each waited its turn on the one control
        connection and then for the whole process's work again (a convoy: issue 20)."""
        batch = self._next_drain
        if batch is None:
            batch = self._next_drain = _Drain()
            batch.sent = asyncio.create_task(self._send_drain(batch))
        if discord_sequence is not None:
            batch.sequence = max(batch.sequence or 0, discord_sequence)
        assert batch.sent is not None
        await asyncio.shield(batch.sent)  # one asker given up does not stop the others' drain

    async def _send_drain(self, batch: _Drain) -> None:
        async with self._asking:
            self._next_drain = None  # who asks from now on waits for the next one
            seq = batch.sequence
            await self._exchange("drain" if seq is None else f"drain {seq}")

    async def kill(self) -> None:
        """SIGKILL: no drain, no goodbye."""
        if self.proc is not None and self.alive:
            self._count_cpu()
            self.proc.kill()
            await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.alive:
            self._count_cpu()
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 30)
            except TimeoutError:
                await self.kill()
        self._hang_up()
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._log is not None:
            self._log.close()
            self._log = None
