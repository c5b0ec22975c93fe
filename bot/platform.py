"""What a chat platform adapter is to the rest of plcbot, and how one is registered.

An adapter package (adapters/<name>/platform.py) exposes one `Platform`: its name, which
environment variables mean it should run, how its `[<name>]` config section is read and checked
(an error names the key), and how to build its `PlatformAdapter`. The composition root
(plcbot/registry.py) finds platforms by name and never knows one from another."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bot.ports import Chat

if TYPE_CHECKING:
    from bot.service import PlcBot


@dataclass(frozen=True)
class Health:
    """What an operator wants to know about a platform adapter right now."""

    ready: bool  # connected (or listening) and handing requests to the core
    detail: str = ""


class PlatformAdapter(Protocol):
    """A running platform: the Chat the core posts through, a run loop, its health."""

    name: str

    @property
    def chat(self) -> Chat: ...

    async def run(self, bot: PlcBot, stop: asyncio.Event) -> None: ...

    def health(self) -> Health: ...


SectionReader = Callable[[Mapping[str, Any]], object]


@dataclass(frozen=True)
class Platform:
    """A registry entry: everything the composition root needs to run one platform."""

    name: str  # also the name of its config section, `[name]`
    credentials: str  # which environment variables it needs, for "nothing to run" messages
    has_credentials: Callable[[Mapping[str, str]], bool]
    read_section: SectionReader  # the checked section (ConfigError naming the key if wrong)
    # (checked section, environment, storage) -> the adapter; storage is what the adapter
    # needs from the composition root's storage (see its own build function)
    build: Callable[[Any, Mapping[str, str], Any], PlatformAdapter]
    # (checked section, environment, storage) -> a context in which a Chat posts without the
    # platform being served (no server, no gateway): what a scheduler in a process of its own
    # posts through. None: this platform posts only from the process connected to it.
    poster: Callable[[Any, Mapping[str, str], Any], AbstractAsyncContextManager[Chat]] | None = None
    # some of its variables are set but not all those they go with: which is missing and what
    # to do (None: nothing missing); `plcbot run` refuses to start then
    missing_credentials: Callable[[Mapping[str, str]], str | None] = lambda env: None
