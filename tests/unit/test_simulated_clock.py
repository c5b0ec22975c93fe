"""`plcbot run` on a simulation's clock (plcbot/simulated.py) only when PLCBOT_SIMULATED_CLOCK
is set: then the time is the file's, loudly logged, and the scheduler ticks when the control
listener on 127.0.0.1 is told to, answering once the tick and the drains are done."""

from __future__ import annotations

import logging
import stat
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
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


def port_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.port"))


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


def test_a_time_without_its_offset_or_a_missing_file_stops_the_start(tmp_path: Path) -> None:
    path = tmp_path / "clock"
    path.write_text("2026-09-14T07:30:00", encoding="utf-8")
    with pytest.raises(ValueError, match="offset"):
        FileClock(path)
    with pytest.raises(FileNotFoundError):
        FileClock(tmp_path / "none")


async def test_the_listener_ticks_and_drains_on_loopback_only(tmp_path: Path) -> None:
    path = tmp_path / "clock"
    path.write_text(MOMENT, encoding="utf-8")
    clock = FileClock(path)
    runner, drained = Runner(), []

    async def drain() -> None:
        drained.append(clock.now())

    scheduler = SchedulerAdapter(runner=runner)
    async with (
        control_listener(clock, scheduler, [drain]) as (host, port),
        aiohttp.ClientSession() as http,
    ):
        assert host == "127.0.0.1"  # never another interface
        (written,) = port_files(tmp_path)
        said_port, token = written.read_text(encoding="utf-8").split()
        assert int(said_port) == port and stat.S_IMODE(written.stat().st_mode) == 0o600
        base = f"http://127.0.0.1:{port}"
        for wrong in ({}, {"Authorization": "Bearer guessed"}, {"Authorization": token}):
            for path in ("/tick", "/drain"):
                async with http.post(f"{base}{path}", headers=wrong) as answer:
                    assert answer.status == 401
        assert runner.ticks == 0 and drained == []  # nothing done for them
        http.headers["Authorization"] = f"Bearer {token}"
        async with http.post(f"{base}/tick") as answer:
            said = await answer.json()
        assert (answer.status, said["ok"], said["at"]) == (200, True, "2026-09-14T12:30:00+00:00")
        assert (said["report"]["claimed"], said["report"]["posted"]) == (3, 2)
        assert runner.ticks == 1 and len(drained) == 2  # drained twice: replies, then posts
        runner.broken = True
        async with http.post(f"{base}/tick") as answer:
            assert (await answer.json())["ok"] is False  # the database was not there
        async with http.post(f"{base}/drain") as answer:
            assert answer.status == 200
        assert len(drained) == 6
    assert port_files(tmp_path) == []  # removed when the listener stops


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

    async with (
        control_listener(clock, None, [drain], read_through) as (_, port),
        aiohttp.ClientSession() as http,
    ):
        (written,) = port_files(tmp_path)
        http.headers["Authorization"] = f"Bearer {written.read_text(encoding='utf-8').split()[1]}"
        async with http.post(f"http://127.0.0.1:{port}/drain", json={"discord_sequence": 41}):
            pass
        async with http.post(f"http://127.0.0.1:{port}/drain"):
            pass
    assert done == ["read to 41", "drained", "drained", "drained", "drained"]
