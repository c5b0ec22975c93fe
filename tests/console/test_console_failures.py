"""A failure inside the bot never ends the console: the person is told, with a reference that
is also in the log, and the next line is handled as usual."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest

from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from plcbot.app import build_bot
from tests.console.test_console_e2e import run_cli
from tests.fakes import FakeStore
from tests.harness import START
from tests.unit.test_unexpected_failures import with_broken_teams


def test_a_report_since_year_one_east_of_utc_is_refused_and_the_console_goes_on(
    tmp_path: Path,
) -> None:
    script = "/plc team create Math Europe/Berlin\n/plc report since 0001-01-01\n/plc norms\n"
    done = run_cli(["console"], tmp_path, script)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "too far off: give a date from 2000-01-01 to 2100-12-31" in done.stdout
    assert "Maintain confidentiality" in done.stdout.split("too far off", 1)[1]
    assert "Traceback" not in done.stderr


async def test_an_unexpected_failure_is_apologised_for_and_the_console_reads_the_next_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = FakeStore()
    out = io.StringIO()
    console = Console(out)
    console.attach(build_bot(Config(), uow=store.uow, chat=console.chat, clock=FixedClock(START)))
    await console.handle("/plc team create Math")
    console.attach(
        build_bot(
            Config(), uow=with_broken_teams(store), chat=console.chat, clock=FixedClock(START)
        )
    )
    caplog.set_level(logging.ERROR, logger="plcbot")

    await console.handle("/plc norms add Phones away.")
    await console.handle("/help")

    said = out.getvalue()
    found = re.search(r"reference ([0-9a-f]{8})", said)
    assert found is not None, said
    assert any(found.group(1) in r.getMessage() for r in caplog.records)
    assert console.running and "/as <person>" in said.split(found.group(1), 1)[1]
