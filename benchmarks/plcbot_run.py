"""A real `plcbot run` (Slack HTTP mode, against the fake Slack) as a benchmark target, with
`[slack] http_processes` set: the command operators run, its extra processes included.

It answers what a benchmarks.procs.Child answers for roundtrip.run_one: `info["url"]`, and
`call("cpu")`: the CPU seconds of its whole process tree (every HTTP process)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.loadgen import SECRET
from benchmarks.servers import PATH

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Slack: HTTP mode on port (\d+)")
CONFIG = """[bot]
data_dir = "{data}"
log_level = "INFO"
[slack]
port = {port}
http_processes = {processes}
[scheduler]
enabled = false
[operations]
enabled = false
[web]
enabled = false
"""
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PlcbotRun:
    def __init__(
        self,
        name: str,
        db_url: str,
        api_url: str,
        token: str,
        processes: int,
        workdir: Path,
        root: Path = ROOT,  # the code to run (another checkout's, to compare)
    ) -> None:
        self.name = name
        folder = workdir / name
        folder.mkdir(parents=True, exist_ok=True)
        port = free_port()
        config = folder / "plcbot.toml"
        config.write_text(CONFIG.format(data=folder, port=port, processes=processes))
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))},
            "PYTHONPATH": str(root),
            "DATABASE_URL": db_url,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_BOT_TOKEN": token,
            "SLACK_API_URL": api_url,
            "SLACK_HTTP_HOST": "127.0.0.1",
        }
        self.log_file = folder / "plcbot.log"
        self._log = self.log_file.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-m", "plcbot", "--config", str(config), "run"],
            env=env,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        self._wait_listening(processes)
        self.info: dict[str, Any] = {"url": f"http://127.0.0.1:{port}{PATH}", "port": port}

    def _wait_listening(self, processes: int, within: float = 120.0) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} ended: {self.log_file.read_text()[-2000:]}")
            if len(LISTENING.findall(self.log_file.read_text())) >= processes:
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not listen within {within:.0f} s")

    def call(self, verb: str, *args: Any, timeout: float = 600.0) -> Any:
        if verb == "cpu":
            return tree_cpu_seconds(self.process.pid)
        if verb == "pids":
            return tree_pids(self.process.pid)
        raise ValueError(verb)

    def close(self, timeout: float = 30.0) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def tree_pids(pid: int) -> list[int]:
    """`pid` and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in children.read_text().split()]
            except OSError:
                continue
    return found


def tree_cpu_seconds(pid: int) -> float:
    total = 0
    for each in tree_pids(pid):
        try:
            text = Path(f"/proc/{each}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = text[text.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICKS
