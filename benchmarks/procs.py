"""Child processes driven over a pipe: the orchestrator sends (verb, *args), the child's
asyncio loop answers with ("ok", value) or ("error", text). Children are spawned (a fresh
interpreter each), so what one measures is not shaped by what the orchestrator imported."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import sys
import traceback
from collections.abc import Awaitable, Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from plcbot.loop import run as run_loop

Handler = Callable[..., Awaitable[Any]]
Handlers = dict[str, Handler]
Setup = Callable[..., Awaitable[tuple[Handlers, Callable[[], Awaitable[None]]]]]


class ChildFailed(RuntimeError):
    pass


class Child:
    """A spawned process running `setup(*args)`; `call(verb, ...)` runs one of its handlers."""

    def __init__(self, name: str, setup: Setup, *args: Any, log_file: Path | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        self.name = name
        self._conn, child_end = context.Pipe()
        self.process = context.Process(
            target=_child_main, args=(child_end, setup, args, log_file), name=name, daemon=True
        )
        self.process.start()
        child_end.close()
        self.info: Any = self._receive(120.0)  # what setup reported (ports, urls)

    def call(self, verb: str, *args: Any, timeout: float = 600.0) -> Any:
        self.send(verb, *args)
        return self.receive(timeout)

    def send(self, verb: str, *args: Any) -> None:
        self._conn.send((verb, args))

    def receive(self, timeout: float = 600.0) -> Any:
        return self._receive(timeout)

    def _receive(self, timeout: float) -> Any:
        if not self._conn.poll(timeout):
            raise ChildFailed(f"{self.name}: no answer within {timeout:.0f} s")
        try:
            status, value = self._conn.recv()
        except EOFError:
            ended = f"{self.name}: the process ended (exit code {self.process.exitcode})"
            raise ChildFailed(ended) from None
        if status != "ok":
            raise ChildFailed(f"{self.name}: {value}")
        return value

    def close(self, timeout: float = 30.0) -> None:
        if self.process.is_alive():
            with contextlib.suppress(OSError, ChildFailed):
                self.call("stop", timeout=timeout)
            self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        self._conn.close()


def _child_main(
    conn: Connection, setup: Setup, args: tuple[Any, ...], log_file: Path | None
) -> None:
    if log_file is not None:
        # Whatever the child logs (aiohttp's access log, plcbot's INFO lines) goes to a file,
        # as it would go to a journal in production, not to the benchmark's terminal.
        sys.stderr = open(log_file, "a", encoding="utf-8", buffering=1)
    try:
        run_loop(_serve(conn, setup, args))  # the loop plcbot runs on, bare Bolt too
    except BaseException:
        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))
        raise
    finally:
        conn.close()


async def _serve(conn: Connection, setup: Setup, args: tuple[Any, ...]) -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[tuple[str, tuple[Any, ...]]] = asyncio.Queue()

    def readable() -> None:
        try:
            inbox.put_nowait(conn.recv())
        except EOFError:
            loop.remove_reader(conn.fileno())
            inbox.put_nowait(("stop", ()))

    handlers, close = await setup(*args)
    info = await handlers.pop("info")() if "info" in handlers else None
    conn.send(("ok", info))
    loop.add_reader(conn.fileno(), readable)
    try:
        while True:
            verb, call_args = await inbox.get()
            if verb == "stop":
                break
            try:
                result = await handlers[verb](*call_args)
            except Exception:
                logging.getLogger("benchmarks").exception("%s failed", verb)
                conn.send(("error", traceback.format_exc()))
            else:
                conn.send(("ok", result))
    finally:
        loop.remove_reader(conn.fileno())
        await close()
    conn.send(("ok", None))
