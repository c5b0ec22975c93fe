"""A child process of `plcbot run` (the scheduler, an extra Slack HTTP process), run under
`supervise` like an adapter (part of the composition root).

`run_child` starts the command and returns only when told to stop (after stopping the child:
SIGTERM, then SIGKILL if it overstays) or raises when the child ends by itself, so `supervise`
logs it and starts it again after its backoff; a child that exits CONFIG_ERROR_EXIT is not
restarted (the same settings would fail the same way). A child watches its parent with
`watch_parent` and stops by itself once the parent is gone (even killed with SIGKILL): no
orphan keeps running."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Callable, Mapping

from bot.config import ConfigError

log = logging.getLogger("plcbot")

CONFIG_ERROR_EXIT = 78  # EX_CONFIG: the parent does not restart a child that exits so
PARENT_CHECK_SECONDS = 1.0


async def run_child(
    command: list[str],
    *,
    name: str,
    stop: asyncio.Event,
    stop_seconds: float,
    env: Mapping[str, str] | None = None,
    started: Callable[[int | None], None] | None = None,
) -> None:
    """`name` names the child in the log ("scheduler process": "scheduler process 1234
    started"); `started(pid)` is told the pid of the child running now (None once it is gone)."""
    # The child's log goes where this process's goes (inherited stderr).
    proc = await asyncio.create_subprocess_exec(
        *command, stdin=asyncio.subprocess.DEVNULL, env=dict(env) if env is not None else None
    )
    if started is not None:
        started(proc.pid)
    log.info("%s %s started", name, proc.pid)
    try:
        ended = asyncio.create_task(proc.wait())
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({ended, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if proc.returncode is None:
            await _stop(proc, name, stop_seconds)
    finally:
        if proc.returncode is None:  # cancelled while stopping it: no orphan
            proc.kill()
        if started is not None:
            started(None)
    if stop.is_set():
        return
    if proc.returncode == CONFIG_ERROR_EXIT:
        raise ConfigError(f"the {name} stopped on a configuration error (above)")
    raise RuntimeError(f"the {name} {proc.pid} exited with code {proc.returncode}")


async def _stop(proc: asyncio.subprocess.Process, name: str, seconds: float) -> None:
    """SIGTERM: the child drains and exits; killed if it overstays."""
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(proc.wait(), seconds)
    except TimeoutError:
        log.warning("%s %s did not stop in time; killing it", name, proc.pid)
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await proc.wait()


async def watch_parent(parent: int | None, stop: asyncio.Event, name: str) -> None:
    """Set `stop` once the process that started this one is gone."""
    while parent is not None and not stop.is_set():
        if os.getppid() != parent:
            log.warning("plcbot run (pid %s) is gone; the %s stops", parent, name)
            stop.set()
            return
        await asyncio.sleep(PARENT_CHECK_SECONDS)
