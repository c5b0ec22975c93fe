"""Every `plcbot` command runs on uvloop unless PLCBOT_EVENT_LOOP=asyncio asks otherwise, and
the tests run on the loop the bot runs on."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from plcbot.loop import loop_factory, run


async def _loop_name() -> str:
    return type(asyncio.get_running_loop()).__module__.split(".")[0]


def test_commands_run_on_uvloop_and_on_asyncio_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(_loop_name()) == "uvloop"
    monkeypatch.setenv("PLCBOT_EVENT_LOOP", "asyncio")
    assert run(_loop_name()) == "asyncio"


def test_an_unknown_loop_is_refused_with_what_to_set() -> None:
    with pytest.raises(ValueError, match="set it to uvloop or asyncio"):
        loop_factory({"PLCBOT_EVENT_LOOP": "trio"})


def test_plcbot_refuses_an_unknown_loop_before_doing_anything(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plcbot", "db", "upgrade"],
        env={"PLCBOT_EVENT_LOOP": "trio", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(tmp_path),
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "plcbot: configuration error: PLCBOT_EVENT_LOOP is 'trio': set it to uvloop or asyncio"
    )


async def test_the_tests_run_on_the_bots_loop() -> None:
    assert await _loop_name() == "uvloop"
