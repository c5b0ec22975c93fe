"""The event loop every `plcbot` command runs on: uvloop where it is installed (Linux and macOS,
from the project's dependencies), asyncio's own otherwise, or when `PLCBOT_EVENT_LOOP=asyncio`
asks for it (to rule the loop out when chasing a problem). The same coroutines run on either;
uvloop's sockets, timers and callbacks cost about a third less CPU, which on a busy morning is
most of what the bot's own work leaves (benchmarks/notes.md, "The school year's CPU, part 3")."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from bot.config import ConfigError

T = TypeVar("T")
CHOICES = ("uvloop", "asyncio")


def loop_factory(environ: dict[str, str] | None = None) -> Callable[[], asyncio.AbstractEventLoop]:
    """uvloop's, unless PLCBOT_EVENT_LOOP says asyncio or uvloop is not installed."""
    env = os.environ if environ is None else environ
    chosen = env.get("PLCBOT_EVENT_LOOP", "uvloop").strip().lower() or "uvloop"
    if chosen not in CHOICES:
        raise ConfigError(f"PLCBOT_EVENT_LOOP is {chosen!r}: set it to uvloop or asyncio")
    if chosen == "uvloop":
        try:
            import uvloop
        except ImportError:  # a platform uvloop is not built for (Windows)
            return asyncio.new_event_loop
        return uvloop.new_event_loop
    return asyncio.new_event_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """asyncio.run(main), on the chosen loop."""
    try:
        factory = loop_factory()
    except ConfigError:
        main.close()  # never awaited: no "coroutine was never awaited" warning on top
        raise
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(main)
