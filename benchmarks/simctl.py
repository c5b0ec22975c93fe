"""`python -m benchmarks.simctl [--checkout DIR]`: what the two-process simulated world pays
for its plumbing, per command and per message (issue 20), on this checkout's code or DIR's:

- the control path: a `plcbot run`'s control listener (plcbot/simulated.py, no-op drains, no
  scheduler) in a child process, sent N `drain`, `drain <sequence>` and `tick` commands as
  simulation/workers.py sends them; the CPU each costs in the listener's process (/proc) and
  in the caller's. A checkout from before issue 20 (an HTTP listener: its `.port` file) is
  sent HTTP POSTs through one aiohttp session, as its workers.py did.
- the database cut's proxy (simulation/dbcut.py) in this process, between a child pinging
  120-byte messages (a statement's size) and an echo server; the proxy's CPU per message."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.plcbot_run import ROOT, free_port

LISTENER = """
import asyncio, signal, sys
from pathlib import Path
from plcbot.simulated import FileClock, control_listener
calls = [0]
def count(frame, event, arg):
    if event in ("call", "c_call"):
        calls[0] += 1
async def main():
    async def drain(): pass
    async with control_listener(FileClock(Path(sys.argv[1])), None, [drain]):
        if sys.argv[2:] == ["calls"]:  # counted from here; the count asked for by SIGUSR1
            signal.signal(signal.SIGUSR1, lambda *_: print(calls[0], flush=True))
            sys.setprofile(count)
        await asyncio.Event().wait()
asyncio.run(main())
"""
ECHO = """
import asyncio, sys
async def echo(r, w):
    while data := await r.read(65536):
        w.write(data)
async def main():
    await asyncio.start_server(echo, "127.0.0.1", int(sys.argv[1]))
    print("ready", flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""
PING = """
import asyncio, sys
async def main():
    r, w = await asyncio.open_unix_connection(sys.argv[1]) if sys.argv[1].startswith("/") \\
        else await asyncio.open_connection("127.0.0.1", int(sys.argv[1]))
    for _ in range(int(sys.argv[2])):
        w.write(b"x" * 120)
        await r.readexactly(120)
asyncio.run(main())
"""
Ask = Callable[[str], Awaitable[Any]]


def cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def control(code: Path, n: int, calls: bool) -> None:
    """`calls`: Python function calls a command (both sides counted with a profile hook, so
    their CPU is not measured then), else CPU a command."""
    clock = Path(tempfile.mkdtemp()) / "clock"
    clock.write_text("2026-09-14T07:30:00-05:00", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(code)}
    argv = [sys.executable, "-c", LISTENER, str(clock), *(["calls"] if calls else [])]
    child = subprocess.Popen(argv, env=env, cwd=code, stdout=subprocess.PIPE)  # noqa: S603
    try:
        stem = clock.with_name(f"clock.{child.pid}")
        files = [Path(f"{stem}.{end}") for end in ("control", "port")]
        while not any(f.exists() for f in files):
            time.sleep(0.05)
        lines = files[0].exists() and (stem.with_name(f"{stem.name}.sock"), files[0].read_bytes())
        listener = lines or files[1].read_text(encoding="utf-8")
        asyncio.run(_commands(child, n, listener, Calls(child) if calls else None))
    finally:
        child.terminate()
        child.wait()


class Calls:
    """Function calls so far: the listener's (it prints its count when signalled), and this
    process's while counting."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        self.child, self.here = child, 0

    def _count(self, frame: object, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            self.here += 1

    async def __call__(self) -> tuple[int, int]:
        sys.setprofile(None)
        assert self.child.stdout is not None
        self.child.send_signal(signal.SIGUSR1)
        there = int(await asyncio.to_thread(self.child.stdout.readline))
        sys.setprofile(self._count)
        return there, self.here


async def _commands(
    child: subprocess.Popen[bytes], n: int, listener: tuple[Path, bytes] | str, calls: Calls | None
) -> None:
    """`listener`: the socket and token (this checkout's), or a `.port` file's text."""

    async def used() -> tuple[float, float]:
        return (cpu(child.pid), time.process_time()) if calls is None else await calls()

    async with aiohttp.ClientSession() as http:
        ask = await _line(*listener) if isinstance(listener, tuple) else _http(listener, http)
        for _ in range(50):
            await ask("drain")
        for command in ("drain", "drain 5", "tick"):
            before = await used()
            for _ in range(n):
                await ask(command)
            after = await used()
            there, here = (b - a for a, b in zip(before, after, strict=True))
            unit, scale, digits = ("calls", 1, 0) if calls else ("ms", 1e3, 3)
            print(
                f"control {command!r}: listener {scale * there / n:.{digits}f} {unit}, "
                f"caller {scale * here / n:.{digits}f} {unit} a command"
            )
    sys.setprofile(None)


async def _line(where: Path, token: bytes) -> Ask:
    reader, writer = await asyncio.open_unix_connection(str(where))
    writer.write(token)
    lock = asyncio.Lock()

    async def ask(command: str) -> Any:
        async with lock, asyncio.timeout(120):
            writer.write(f"{command}\n".encode())
            return json.loads(await reader.readline())

    return ask


def _http(port_file: str, http: aiohttp.ClientSession) -> Ask:
    port, token = port_file.split()
    headers = {"Authorization": f"Bearer {token}"}

    async def ask(command: str) -> Any:
        path, _, sequence = command.partition(" ")
        body = {"discord_sequence": int(sequence)} if sequence else None
        url = f"http://127.0.0.1:{port}/{path}"
        async with http.post(url, headers=headers, json=body) as answer:
            answer.raise_for_status()
            return await answer.json()

    return ask


def proxy(code: Path, n: int) -> None:
    sys.path.insert(0, str(code))
    from simulation.dbcut import DatabaseCut

    port = free_port()
    echo = subprocess.Popen([sys.executable, "-c", ECHO, str(port)], stdout=subprocess.PIPE)  # noqa: S603
    try:
        assert echo.stdout is not None
        echo.stdout.readline()  # "ready"
        folder = Path(tempfile.mkdtemp())
        fields = DatabaseCut.__dataclass_fields__
        more: dict[str, Any] = {"folder": folder} if "folder" in fields else {}  # since issue 20
        cut = DatabaseCut("127.0.0.1", port, **more)
        used = asyncio.run(_pinged(cut, folder if "folder" in fields else None, n))
        print(f"database cut's proxy: {1e6 * used / (2 * n):.1f} us of its CPU a message")
    finally:
        echo.terminate()
        echo.wait()


async def _pinged(cut: Any, folder: Path | None, n: int) -> float:
    """The proxy's CPU while a client pings `n` times through it."""
    await cut.start()
    where = str(folder / ".s.PGSQL.5432") if folder else str(cut.listen_port)
    used = time.process_time()
    ping = await asyncio.create_subprocess_exec(sys.executable, "-c", PING, where, str(n))
    await ping.wait()
    used = time.process_time() - used
    await cut.stop()
    return used


def main() -> None:
    p = argparse.ArgumentParser(prog="simctl", description=__doc__)
    p.add_argument("--checkout", type=Path, default=ROOT, help="whose code (default: this one)")
    p.add_argument("-n", type=int, default=3000, help="commands of each kind")
    p.add_argument("--calls", action="store_true", help="count function calls, not CPU")
    args = p.parse_args()
    control(args.checkout.resolve(), args.n, args.calls)
    if not args.calls:
        proxy(args.checkout.resolve(), args.n * 7)


if __name__ == "__main__":
    main()
