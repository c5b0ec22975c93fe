"""`plcbot run` on a simulation's clock (plcbot/simulated.py) only when PLCBOT_SIMULATED_CLOCK
is set: then the time is the file's, loudly logged, and the scheduler ticks when the control
listener (a Unix socket only its owner may use, and a token) is told to, answering once the
tick and the drains are done, command after command on one connection."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.scheduler import SchedulerAdapter
from bot.api import StorageUnavailable
from bot.config import ConfigError
from bot.scheduling.claims import TickReport
from plcbot.cli import main
from plcbot.simulated import ENV, FileClock, control_listener, simulated_clock

MOMENT = "2026-09-14T07:30:00-05:00"


class Runner:
    """The core's tick as the scheduler adapter sees it: counts, or finds no database."""

    def __init__(self) -> None:
        self.ticks = 0
        self.broken = False

    async def tick(self) -> object:
        if self.broken:
            raise StorageUnavailable("cut off")
        self.ticks += 1
        return TickReport(claimed=3, posted=2)

    def stop_claiming(self) -> None:
        pass


def control_files(folder: Path) -> list[Path]:
    return [*folder.glob("*.sock"), *folder.glob("*.control")]


class Control:
    """A client of the control listener: one connection, a line each way a command."""

    def __init__(self, where: Path, token: bytes) -> None:
        self.where, self.token = where, token

    async def __aenter__(self) -> Control:
        self.reader, self.writer = await asyncio.open_unix_connection(str(self.where))
        self.writer.write(self.token)
        return self

    async def __aexit__(self, *_: object) -> None:
        self.writer.close()

    async def ask(self, command: str) -> dict[str, Any]:
        self.writer.write(f"{command}\n".encode())
        line = await self.reader.readline()
        answer: dict[str, Any] = json.loads(line) if line else {"hung up": True}
        return answer

    async def hung_up(self) -> bool:
        return await self.reader.read() == b""


def test_without_the_variable_there_is_no_simulated_clock() -> None:
    assert simulated_clock({}) is None
    assert simulated_clock({ENV: "  "}) is None


def test_the_clock_is_the_file_s_time_read_at_every_call(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "clock"
    path.write_text(MOMENT, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="plcbot"):
        clock = simulated_clock({ENV: str(path)})
    assert clock is not None
    assert clock.now() == datetime(2026, 9, 14, 12, 30, tzinfo=UTC)
    path.write_text("2026-09-15T00:00:00+00:00", encoding="utf-8")
    assert clock.now() == datetime(2026, 9, 15, tzinfo=UTC)
    assert "SIMULATED CLOCK" in caplog.text


def test_the_clock_follows_a_file_renamed_over_its_own_keeping_one_open(tmp_path: Path) -> None:
    """The simulation renames a new file over the clock's at every change: each new time is
    read at the next call (the same bytes again are not parsed again), the file read before
    is let go, and a time written in place is read too."""
    path = tmp_path / "clock"
    path.write_text(MOMENT, encoding="utf-8")
    clock = FileClock(path)
    opened = len(os.listdir("/proc/self/fd"))
    for day in range(1, 29):
        new = tmp_path / "clock.new"
        new.write_text(f"2026-10-{day:02d}T00:00:00+00:00", encoding="utf-8")
        os.replace(new, path)
        assert clock.now() == datetime(2026, 10, day, tzinfo=UTC)
        assert clock.now() == datetime(2026, 10, day, tzinfo=UTC)
    assert len(os.listdir("/proc/self/fd")) == opened
    path.write_text("2026-11-01T00:00:00-05:00", encoding="utf-8")
    assert clock.now() == datetime(2026, 11, 1, 5, tzinfo=UTC)


def test_a_time_without_its_offset_or_a_missing_file_stops_the_start(tmp_path: Path) -> None:
    path = tmp_path / "clock"
    path.write_text("2026-09-14T07:30:00", encoding="utf-8")
    with pytest.raises(ValueError, match="offset"):
        FileClock(path)
    with pytest.raises(FileNotFoundError):
        FileClock(tmp_path / "none")


async def test_the_listener_ticks_and_drains_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "clock"
    path.write_text(MOMENT, encoding="utf-8")
    clock = FileClock(path)
    runner, drained = Runner(), []

    async def drain() -> None:
        drained.append(clock.now())

    scheduler = SchedulerAdapter(runner=runner)
    async with control_listener(clock, scheduler, [drain]) as where:
        sock, token_file = control_files(tmp_path)
        assert (where, where.is_socket()) == (sock, True)
        for written in (sock, token_file):
            assert stat.S_IMODE(written.stat().st_mode) == 0o600  # its owner's only
        token = token_file.read_bytes()
        for wrong in (b"\n", b"guessed\n", b"Bearer " + token):
            async with Control(where, wrong) as control:
                assert await control.ask("tick") == {"ok": False, "error": "unauthorized"}
                assert await control.hung_up()
        assert runner.ticks == 0 and drained == []  # nothing done for them
        async with Control(where, token) as control:
            said = await control.ask("tick")
            assert (said["ok"], said["at"]) == (True, "2026-09-14T12:30:00+00:00")
            assert (said["report"]["claimed"], said["report"]["posted"]) == (3, 2)
            assert runner.ticks == 1 and len(drained) == 2  # drained twice: replies, then posts
            runner.broken = True
            assert (await control.ask("tick"))["ok"] is False  # the database was not there
            assert await control.ask("drain") == {"ok": True}  # on the same connection
            assert len(drained) == 6
            assert await control.ask("drain soon") == {"ok": False, "error": "not a command"}
            assert await control.hung_up()
        assert len(drained) == 6
    assert control_files(tmp_path) == []  # removed when the listener stops


def run_on_a_simulated_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str, **env: str
) -> int:
    """`plcbot run` with PLCBOT_SIMULATED_CLOCK and Slack's credentials set, as a leaked
    variable in a production environment would start it."""
    clock = tmp_path / "clock"
    clock.write_text(MOMENT, encoding="utf-8")
    config = tmp_path / "plcbot.toml"
    config.write_text(f'[bot]\ndata_dir = "{tmp_path / "data"}"\n{settings}', encoding="utf-8")
    for name in ("SLACK_API_URL", "SLACK_APP_TOKEN", "DATABASE_URL", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(ENV, str(clock))
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return main(["--config", str(config), "run"])


def test_a_simulated_clock_is_refused_when_the_platform_api_is_off_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_on_a_simulated_clock(tmp_path, monkeypatch, "") == 2
    said = capsys.readouterr().err
    assert f"{ENV} is set but slack's API is https://slack.com/api/" in said
    assert f"Unset {ENV} to run plcbot for real" in said
    env = {ENV: str(tmp_path / "clock"), "SLACK_API_URL": "http://slack.example.org/api/"}
    with pytest.raises(ConfigError, match="not on this machine"):
        simulated_clock(env, platforms=["slack"])
    assert simulated_clock({**env, "SLACK_API_URL": "http://127.0.0.1:8/api/"}, platforms=["slack"])
    with pytest.raises(ConfigError, match="not on this machine"):
        simulated_clock(env, platforms=["teams"])  # nowhere known: refused


def test_a_simulated_clock_is_refused_with_several_slack_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = "[slack]\nhttp_processes = 2\n"
    code = run_on_a_simulated_clock(
        tmp_path, monkeypatch, settings, SLACK_API_URL="http://127.0.0.1:9/api/"
    )
    assert code == 2
    said = capsys.readouterr().err
    assert f"{ENV} is set together with [slack] http_processes = 2" in said


async def test_a_drain_naming_a_discord_sequence_reads_that_far_before_draining(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clock"
    path.write_text(MOMENT, encoding="utf-8")
    clock, done = FileClock(path), []

    async def drain() -> None:
        done.append("drained")

    async def read_through(sequence: int) -> None:
        done.append(f"read to {sequence}")

    async with control_listener(clock, None, [drain], read_through) as where:
        token = control_files(tmp_path)[1].read_bytes()
        async with Control(where, token) as control:
            assert await control.ask("drain 41") == {"ok": True}
            assert await control.ask("drain") == {"ok": True}
    assert done == ["read to 41", "drained", "drained", "drained", "drained"]
