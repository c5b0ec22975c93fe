"""Slack over HTTP from several processes on one host: `[slack] http_processes = N` (part of
the composition root).

`plcbot run` itself is process 0: it serves Slack's port with everything else it runs (the
scheduler, Discord, the operations listener, the declared communities). Once its Slack server
listens it starts processes 1 … N-1, each `plcbot run --http-process K --port P --parent PID`,
which serve only Slack's HTTP endpoint (and the web panel when it is on Slack's port) on the
same port: every process binds it with SO_REUSEPORT and the kernel spreads the connections
between them. Nothing that must happen once runs in them (no scheduler, no Socket Mode, no
Discord, no declared communities, no operations listener): the database keeps what they share.

Each extra process runs under `supervise` like an adapter: one that dies is logged and started
again (bot/supervision.py's backoff), and until then the others answer for it (the kernel sends
a closed socket nothing). On SIGTERM/SIGINT `plcbot run` sends them SIGTERM at once (each stops
listening, finishes the requests it holds and exits) and waits for them; one whose parent is
gone (killed with SIGKILL) stops by itself within a second."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from bot.config import Config, ConfigError
from bot.supervision import supervise
from plcbot.children import CONFIG_ERROR_EXIT, run_child, watch_parent

log = logging.getLogger("plcbot")

STOP_SECONDS = 20.0  # past this a process told to stop is killed (it drains within ~10 s)
PANEL_KEY = "PLCBOT_WEB_KEY"


class HttpProcesses:
    """Processes 1 … count-1, once the Slack adapter of this process (0) is listening."""

    def __init__(self, config: Config, slack: Any, count: int) -> None:
        self._config = config
        self._slack = slack
        self.count = count
        self.pids: dict[int, int] = {}  # process number -> the pid running it now

    def command(self, process: int, port: int) -> list[str]:
        source = self._config.source
        options = ["--config", str(source)] if source is not None else []
        return [
            *(sys.executable, "-m", "plcbot", *options, "run"),
            *("--http-process", str(process), "--port", str(port)),
            *("--parent", str(os.getpid())),
        ]

    async def run(self, stop: asyncio.Event) -> None:
        listening = asyncio.create_task(self._slack.started.wait())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({listening, stopping}, return_when=asyncio.FIRST_COMPLETED)
        listening.cancel()
        stopping.cancel()
        if stop.is_set():
            return
        port = int(self._slack.port)  # the bound one, also when the setting is 0
        await asyncio.gather(
            *(
                supervise(f"Slack HTTP process {n}", partial(self._one, n, port, stop), stop)
                for n in range(1, self.count)
            )
        )

    async def _one(self, process: int, port: int, stop: asyncio.Event) -> None:
        def started(pid: int | None) -> None:
            if pid is None:
                self.pids.pop(process, None)
            else:
                self.pids[process] = pid

        await run_child(
            self.command(process, port),
            name=f"Slack HTTP process {process}, pid",
            stop=stop,
            stop_seconds=STOP_SECONDS,
            started=started,
        )


def http_processes(config: Config, adapters: Mapping[str, Any]) -> HttpProcesses | None:
    """The extra processes `[slack] http_processes` asks for (None: just this one). Their web
    panel sessions must open in every process: without PLCBOT_WEB_KEY, one key is made here
    for them all (sessions still end when plcbot run stops)."""
    slack = adapters.get("slack")
    count = slack.settings.http_processes if slack is not None else 1
    if count <= 1:
        return None
    if config.web.enabled and not os.environ.get(PANEL_KEY, "").strip():
        from cryptography.fernet import Fernet

        os.environ[PANEL_KEY] = Fernet.generate_key().decode()
        log.warning("%s is not set: one key for the %s processes of this run", PANEL_KEY, count)
    from plcbot.app import database_url

    if database_url(config).startswith("sqlite"):
        log.warning(
            "[slack] http_processes = %s on SQLite: one process writes at a time; "
            "PostgreSQL lets them work side by side",
            count,
        )
    return HttpProcesses(config, slack, count)


async def serve_http_process(config: Config, process: int, port: int, parent: int | None) -> int:
    """`plcbot run --http-process K`: Slack's HTTP endpoint only (and the web panel when it is
    on Slack's port), on `port`, until SIGTERM/SIGINT or until `plcbot run` is gone. A
    configuration error exits CONFIG_ERROR_EXIT: `plcbot run` does not start it again."""
    try:
        return await _serve_http(config, process, port, parent)
    except ConfigError as e:
        print(f"plcbot run --http-process {process}: configuration error: {e}", file=sys.stderr)
        return CONFIG_ERROR_EXIT


async def _serve_http(config: Config, process: int, port: int, parent: int | None) -> int:
    from bot.chat_router import ChatRouter
    from plcbot.app import build_bot, database_url, open_storage
    from plcbot.registry import platform
    from plcbot.signals import stopped_by_signals

    entry = platform("slack")
    section: Any = config.platforms.get("slack") or entry.read_section({})
    name = f"Slack HTTP process {process}"
    async with open_storage(database_url(config)) as storage:
        adapter: Any = entry.build(replace(section, port=port), os.environ, storage)
        adapter.process = process
        router = ChatRouter()
        router.add("slack", adapter.chat)
        bot = build_bot(config, uow=storage.uow, chat=router, background=True)
        if config.web.enabled:
            from plcbot.panel import mount_on

            mount_on(adapter, config)
        stop = asyncio.Event()
        with stopped_by_signals(stop):
            watching = asyncio.create_task(watch_parent(parent, stop, name))
            log.info("%s (pid %s) serving Slack on port %s", name, os.getpid(), port)
            try:
                await supervise("slack", partial(adapter.run, bot, stop), stop)
            finally:
                watching.cancel()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(bot.drain(), 10.0)
    return 0
