"""`plcbot run` on a simulation's clock (plcbot/simulated.py) only when PLCBOT_SIMULATED_CLOCK
is set: then the time is the file's, loudly logged, and the scheduler ticks when the control
listener on 127.0.0.1 is told to, answering once the tick and the drains are done."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from adapters.scheduler import SchedulerAdapter
from bot.api import StorageUnavailable
from bot.scheduling.claims import TickReport
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
        assert [int(p.read_text(encoding="utf-8")) for p in port_files(tmp_path)] == [port]
        base = f"http://127.0.0.1:{port}"
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
