"""Declared calendars and schedules on the real databases: several `plcbot run` processes that
start at the same moment (each with its own engine) apply the same declarations once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tomllib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.config import parse_config
from bot.declared import apply_declared
from storage.engine import default_sqlite_url, make_engine
from storage.uow import SqlUnitOfWorkFactory

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
DECLARED = """
[[community]]
id = "slack:T1"
admins = ["UADMIN"]

[[community.calendar]]
from = 2026-12-21
to = 2027-01-01
label = "Winter break"

[[community.team]]
channel = "C1"
name = "Grade 4 Math"

[[community.team.schedule]]
kind = "stage_nudge"
when = "mon,wed 15:30"

[[community.team.schedule]]
kind = "checkin"
when = "fri 08:00"

[[community.team]]
channel = "C2"

[[community.team.schedule]]
kind = "norms_reminder"
when = "weekdays 08:00"
"""


async def test_processes_starting_at_once_apply_the_declarations_once(database_url: str) -> None:
    first = parse_config(tomllib.loads(DECLARED.split("[[community.calendar]]")[0]), {}).declared
    communities = parse_config(tomllib.loads(DECLARED), {}).declared
    factories = [SqlUnitOfWorkFactory(make_engine(database_url)) for _ in range(PROCESSES)]
    clock = FixedClock(datetime(2026, 9, 14, 15, tzinfo=UTC))
    try:
        # A first start declares the community only; then calendar and teams are added to the
        # file and every process restarts at once, twice.
        await asyncio.gather(*(apply_declared(f, clock, first) for f in factories))
        for _ in range(2):
            await asyncio.gather(*(apply_declared(f, clock, communities) for f in factories))
        async with factories[0]() as uow:
            teams = await uow.teams.list("slack:T1")
            schedules = [s for t in teams for s in await uow.schedules.for_team("slack:T1", t.id)]
            breaks = await uow.calendar.list("slack:T1")
            admins = await uow.members.admins("slack:T1")
    finally:
        for f in factories:
            await f.dispose()
    assert sorted(t.channel_id for t in teams) == ["C1", "C2"]
    assert Counter(s.kind.value for s in schedules) == {
        "stage_nudge": 1,
        "checkin": 1,
        "norms_reminder": 1,
    }
    assert [(b.label, b.team_id) for b in breaks] == [("Winter break", None)]
    assert admins == ["UADMIN"]


async def test_plcbot_run_applies_the_declarations_at_start(tmp_path: Path) -> None:
    """The real start-up path (run_adapters, scheduler only) in a process of its own."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[bot]\ndata_dir = "{tmp_path / "data"}"\n[operations]\nport = 0\n[web]\nport = 0\n'
        + DECLARED,
        encoding="utf-8",
    )
    start = (
        "import asyncio, sys; from pathlib import Path; "
        "from plcbot.app import configure_logging, run_adapters; "
        "from plcbot.registry import load_config; configure_logging('INFO'); "
        "sys.exit(asyncio.run(run_adapters(load_config(Path(sys.argv[1])), [])))"
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        start,
        str(config),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    log = ""
    try:
        assert proc.stderr is not None
        while "plcbot running" not in log:  # started: declarations applied, signals handled
            line = await asyncio.wait_for(proc.stderr.readline(), 20)
            assert line, f"plcbot run stopped before it started:\n{log[-2000:]}"
            log += line.decode(errors="replace")
        proc.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(proc.communicate(), 15)
        log += rest.decode(errors="replace")
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, log[-2000:]
    assert "declared in the config: 1 community; added 2 team(s), 3 schedule(s)" in log
    factory = SqlUnitOfWorkFactory(make_engine(default_sqlite_url(tmp_path / "data")))
    try:
        async with factory() as uow:
            teams = await uow.teams.list("slack:T1")
            schedules = [s for t in teams for s in await uow.schedules.for_team("slack:T1", t.id)]
    finally:
        await factory.dispose()
    assert sorted(t.channel_id for t in teams) == ["C1", "C2"]
    assert len(schedules) == 3
