"""A real `plcbot run` in a process of its own, against the wire-level fakes in the test's process.

Slack is reached through SLACK_API_URL; Discord through the two URL overrides of
PLATFORM-NOTES.md, set by a two-line launcher before `plcbot`'s own main runs. Its log (stderr)
is read as it comes, so a test can wait for a line, signal the process and time its exit."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = (
    "import sys, discord, yarl; "
    "discord.http.Route.BASE = sys.argv[1]; "
    "discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2]); "
    "from plcbot.cli import main; sys.exit(main(sys.argv[3:]))"
)
PLATFORM_VARIABLES = ("SLACK_", "DISCORD_", "DATABASE_URL", "PLCBOT_")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PlcbotRun:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.log = ""
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(
        cls,
        tmp_path: Path,
        env: dict[str, str],
        *,
        discord_api: str = "http://127.0.0.1:9/api/v10",
        discord_gateway: str = "ws://127.0.0.1:9/gateway",
        bot: str = "",
        more_config: str = "",
        slack: str = "",
    ) -> PlcbotRun:
        """`bot`, `slack`: more lines of its [bot] and [slack] tables; `more_config`: more
        tables (TOML)."""
        config = tmp_path / "plcbot.toml"
        config.write_text(
            f'[bot]\ndata_dir = "{tmp_path / "data"}"\n{bot}[slack]\nport = {free_port()}\n'
            f"{slack}[operations]\nport = 0\n[web]\nport = 0\n" + more_config,
            encoding="utf-8",
        )
        clean = {k: v for k, v in os.environ.items() if not k.startswith(PLATFORM_VARIABLES)}
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            LAUNCH,
            discord_api,
            discord_gateway,
            "--config",
            str(config),
            "run",
            cwd=tmp_path,
            env={**clean, "PYTHONPATH": str(ROOT), "SLACK_HTTP_HOST": "127.0.0.1", **env},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(proc)

    async def _read(self) -> None:
        assert self.proc.stderr is not None
        while line := await self.proc.stderr.readline():
            self.log += line.decode(errors="replace")
            self._changed.set()
        self._changed.set()

    async def logged(self, text: str, *, within: float = 20.0, after: int = 0) -> None:
        """Waits until `text` is in the log (past character `after`)."""
        async with asyncio.timeout(within):
            while text not in self.log[after:]:
                if self._reader.done():
                    raise AssertionError(f"plcbot ended before logging {text!r}:\n{self.tail}")
                self._changed.clear()
                await self._changed.wait()

    @property
    def tail(self) -> str:
        return self.log[-3000:]

    @property
    def running(self) -> bool:
        return self.proc.returncode is None and not self._reader.done()

    async def terminate(self, sig: int = signal.SIGTERM, *, within: float = 10.0) -> float:
        """Sends `sig`; returns the seconds until the process had exited (fails past `within`)."""
        started = time.monotonic()
        self.proc.send_signal(sig)
        try:
            await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            raise AssertionError(
                f"plcbot run was still running {within} s after the signal:\n{self.tail}"
            ) from None
        await self._reader
        return time.monotonic() - started

    async def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        self._reader.cancel()
