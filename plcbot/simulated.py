"""`plcbot run` on a simulation's clock (issue 20): opt-in from the environment only.

`PLCBOT_SIMULATED_CLOCK=<file>` turns it on; no setting in any config file does, and without
the variable nothing here runs. It is for the simulation (simulation/processes.py), which
starts real `plcbot run` processes and moves their time itself:

- The clock. The core, the scheduler's runner and the retention job read the time written in
  `<file>` (ISO 8601 with its offset), read again at every call. The simulation writes the
  file (a new file renamed over the old, so a reader sees one whole time) before everything it
  does; every process it started reads the same file, so they all stand at the same moment.
- No throttle: a person's requests per minute, counted on a clock that stands still while
  the simulation sends dozens of requests at one moment (then jumps days), measure nothing.
- No wall-clock ticks. APScheduler is not started and the scheduler always runs in the process
  itself (never `plcbot scheduler` as a child): it ticks only when told to.
- The control listener, on a Unix socket `<file>.<pid>.sock` readable and writable by its
  owner only (the process's id being how the simulation tells its processes apart); the token
  it wants is written to `<file>.<pid>.control` once it listens (mode 0600 too). A client
  sends the token as its connection's first line, then one command a line, each answered
  with one line of JSON once done, on the same connection for as long as it likes (the
  simulation asks after every action it takes, so a request costs a line each way, not an
  HTTP exchange: issue 20):
  `tick` runs one tick at the clock's time and answers once the tick and every post it
  started are done: `{"ok": true, "at": …, "report": {"claimed": …, "posted": …, …}}` (the
  runner's report), or `{"ok": false, …}` when the database could not be reached (the real
  scheduler would try again at its next tick; the simulation decides when);
  `drain` answers `{"ok": true}` once the replies and posts still going out in the background
  have gone out, so whatever a request caused has reached the platform before the next one;
  `drain N`, once the Discord client has first read the gateway's frames up to sequence N
  (their handlers then drained with the rest).
  A wrong token, or a line that is no command, is answered `{"ok": false, "error": …}` and
  the connection closed.

Turning it on is logged as a WARNING at start, so a process on a simulated clock is never
mistaken for one on the real time. And it is refused (a configuration error, the process does
not start) unless every platform it serves talks to an API on this machine (SLACK_API_URL,
discord.py's REST base and gateway, as the simulation sets them): a variable leaked into a
production environment stops the start instead of running a bot whose scheduler never ticks.
It is refused with `[slack] http_processes` above 1 too: the extra processes read the real
clock."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.config_values import ConfigError

if TYPE_CHECKING:
    from adapters.scheduler import SchedulerAdapter
    from bot.config import Config
    from bot.library import Libraries
    from bot.platform import PlatformAdapter
    from bot.ports import Chat, UnitOfWorkFactory
    from bot.service import PlcBot

    SchedulingOn = tuple[Config, str, UnitOfWorkFactory, Chat, Libraries]

ENV = "PLCBOT_SIMULATED_CLOCK"
NOT_A_COMMAND = {"ok": False, "error": "not a command"}
ReadThrough = Callable[[int], Awaitable[object]]  # Discord: read the gateway up to a sequence
log = logging.getLogger("plcbot")


class FileClock:
    """The time written in a file, read at every call: the file's bytes are read again each
    time (`pread` on the file kept open, reopened once the path names another file: the
    writer renames a new one over it), parsed only when they changed (issue 20)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = -1
        self._file: tuple[int, int] = (-1, -1)  # the open file's device and inode
        self._read: tuple[bytes, datetime] | None = None  # the last bytes, their time
        self.now()  # a missing or unreadable file stops the process at start

    def now(self) -> datetime:
        named = os.stat(self.path)
        if (named.st_dev, named.st_ino) != self._file:
            self._reopen()
        raw = os.pread(self._fd, 4096, 0)
        if self._read is not None and self._read[0] == raw:
            return self._read[1]
        moment = datetime.fromisoformat(raw.decode("utf-8").strip())
        if moment.tzinfo is None:
            raise ValueError(f"{self.path}: the simulated time needs its UTC offset")
        self._read = raw, moment.astimezone(UTC)
        return self._read[1]

    def _reopen(self) -> None:
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        if self._fd >= 0:
            os.close(self._fd)
        opened = os.fstat(fd)
        self._fd, self._file = fd, (opened.st_dev, opened.st_ino)


def simulated_clock(
    env: Mapping[str, str] | None = None,
    *,
    platforms: Iterable[str] = (),
    http_processes: int = 1,
) -> FileClock | None:
    """The simulated clock when the environment asks for one, else None. ConfigError when
    `platforms` (those `plcbot run` serves) talk to an API off this machine, or when Slack
    is served by several processes (`http_processes`)."""
    env = os.environ if env is None else env
    value = env.get(ENV, "").strip()
    if not value:
        return None
    if http_processes > 1:
        raise ConfigError(
            f"{ENV} is set together with [slack] http_processes = {http_processes}: the "
            "extra processes would not read the simulated clock. Set http_processes = 1 for "
            f"a simulation, or unset {ENV} to run plcbot for real."
        )
    for name in platforms:
        for url in api_urls(name, env):
            if not loopback(url):
                raise ConfigError(
                    f"{ENV} is set but {name}'s API is {url}, not on this machine: a simulated "
                    f"clock is for simulations against local fakes only. Unset {ENV} to run "
                    "plcbot for real."
                )
    clock = FileClock(Path(value))
    log.warning(
        "SIMULATED CLOCK (%s is set): the time is read from %s, not the system clock, and the "
        "scheduler ticks only when told to (its control socket). For simulations only; unset %s to "
        "run plcbot for real.",
        ENV,
        value,
        ENV,
    )
    return clock


def api_urls(platform: str, env: Mapping[str, str]) -> list[str]:
    """Where `platform`'s adapter sends its requests (a platform not known here: nowhere
    known, which is refused)."""
    if platform == "slack":
        from adapters.slack.settings import DEFAULT_API_URL

        return [env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL]
    if platform == "discord":
        import discord

        return [discord.http.Route.BASE, str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)]
    return [f"(unknown for the platform {platform!r})"]


def loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def control_files(clock: FileClock, pid: int) -> tuple[Path, Path]:
    """The control listener's socket, and the file its token is written to."""
    stem = f"{clock.path.name}.{pid}"
    return clock.path.with_name(f"{stem}.sock"), clock.path.with_name(f"{stem}.control")


def controlled(
    clock: FileClock, on: SchedulingOn, bot: PlcBot, adapters: Iterable[PlatformAdapter]
) -> AbstractAsyncContextManager[Path]:
    """`plcbot run`'s part: the scheduler on its event loop (`on`: what `build_scheduler`
    takes), ticking only when told; the drains of the core's posts and of each adapter's
    background replies."""
    from plcbot.scheduling import build_scheduler

    config = on[0]
    scheduler = build_scheduler(*on, clock=clock) if config.scheduler.enabled else None
    drains: list[Callable[[], Awaitable[object]]] = [bot.drain]
    read: ReadThrough | None = None
    for adapter in adapters:
        background = getattr(adapter, "background", None)  # Slack's replies, Discord's handlers
        if background is not None:
            drains.append(background.drain)
            read = getattr(background, "read_through", read)  # Discord's gateway
    return control_listener(clock, scheduler, drains, read)


@asynccontextmanager
async def control_listener(
    clock: FileClock,
    scheduler: SchedulerAdapter | None,
    drains: list[Callable[[], Awaitable[object]]],
    read_through: ReadThrough | None = None,
) -> AsyncIterator[Path]:
    """The listener (see the module's docstring) while inside; yields its socket's path."""

    async def drained() -> None:
        for _ in range(2):  # a reply's background work may start a post, and a post a reply
            for drain in drains:
                await drain()

    async def tick() -> dict[str, Any]:
        ok, report = True, None
        if scheduler is not None:
            before = scheduler.ticks
            await scheduler.tick()
            ok = scheduler.ticks > before
            report = scheduler.last_report if ok else None
        await drained()
        done = asdict(report) if is_dataclass(report) and not isinstance(report, type) else {}
        return {"ok": ok, "at": clock.now().isoformat(), "report": done}

    async def answer(line: str) -> dict[str, Any] | None:
        if line == "tick":
            return await tick()
        command, _, sequence = line.partition(" ")
        if command != "drain" or (sequence and not sequence.isdigit()):
            return None
        if sequence and read_through is not None:
            await read_through(int(sequence))  # its handlers have started: drained below
        await drained()
        return {"ok": True}

    token = secrets.token_urlsafe(32).encode()
    serving: set[asyncio.StreamWriter] = set()
    where, token_file = control_files(clock, os.getpid())
    where.unlink(missing_ok=True)
    server = await asyncio.start_unix_server(partial(_serve, token, answer, serving), str(where))
    os.chmod(where, 0o600)
    _write_private(token_file, token.decode() + "\n")
    log.warning("SIMULATED CLOCK: the control listener is on %s", where)
    try:
        yield where
    finally:
        token_file.unlink(missing_ok=True)
        server.close()
        for writer in list(serving):
            writer.close()
        await server.wait_closed()
        where.unlink(missing_ok=True)


async def _serve(
    token: bytes,
    answer: Callable[[str], Awaitable[dict[str, Any] | None]],
    serving: set[asyncio.StreamWriter],
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
) -> None:
    """One client's connection: its token, then its commands, each answered in turn."""
    serving.add(writer)
    try:
        if not hmac.compare_digest((await reader.readline()).rstrip(b"\n"), token):
            writer.write(b'{"ok": false, "error": "unauthorized"}\n')
            return
        while line := await reader.readline():
            said = await answer(line.decode("utf-8", "replace").strip())
            writer.write(json.dumps(said or NOT_A_COMMAND).encode() + b"\n")
            if said is None:
                return
    except OSError:
        return  # the client went away
    finally:
        serving.discard(writer)
        writer.close()


def _write_private(where: Path, text: str) -> None:
    """`text` in `where`, readable by its owner only, appearing whole (renamed into place)."""
    written = where.with_name(where.name + ".new")
    written.unlink(missing_ok=True)
    fd = os.open(written, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    written.replace(where)
