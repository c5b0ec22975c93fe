"""`[logging] format = "json"`: a scripted Slack session (commands, a click, a shared
reflection, a DM, a failure) with every logger at DEBUG writes JSON lines that each carry time,
level, logger, message, community, platform and request id; the lines of a request name it;
the reference in the apology a person gets is that request's id; and no line holds a token,
the signing secret or anything a teacher wrote."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from platform_fakes.slack.fake_slack import FakeSlack
from plcbot.logs import configure_logging
from tests.fakes import FakeStore
from tests.slack.conftest import running
from tests.slack.driver import SECRET
from tests.slack.test_operations import DM_WORDS, WORDS, a_session
from tests.unit.test_unexpected_failures import with_broken_teams

FIELDS = {"time", "level", "logger", "message", "community", "platform", "request_id"}
BROKEN_NORM = "Phones away during the lesson"


@pytest.fixture
def json_log_at_debug() -> Iterator[io.StringIO]:
    """plcbot's own log set-up, JSON at DEBUG into a buffer; every logger known at DEBUG."""
    names = [n for n, x in logging.root.manager.loggerDict.items() if isinstance(x, logging.Logger)]
    before = {name: logging.getLogger(name).level for name in names}
    root_level = logging.root.level
    buffer = io.StringIO()
    configure_logging("DEBUG", "json", stream=buffer)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        for handler in [h for h in logging.root.handlers if h.get_name() == "plcbot"]:
            logging.root.removeHandler(handler)
        logging.root.setLevel(root_level)
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


@pytest.mark.parametrize("mode", ["http", "socket"])
async def test_a_session_logged_as_json_at_debug_keeps_no_token_secret_or_words(
    fake: FakeSlack, mode: str, json_log_at_debug: io.StringIO
) -> None:
    store = FakeStore()
    token = fake.add_workspace("T1").token
    env = {"SLACK_BOT_TOKEN": token}
    async with running(fake, mode=mode, uow=store.uow, env=env) as r:
        for name in ("slack_bolt", "slack_sdk"):  # loggers the app made after the fixture ran
            logging.getLogger(name).setLevel(logging.DEBUG)
        await a_session(r, store)
        await fake.until(lambda: [m for m in fake.in_channel("C1") if "Jaime" in m.text])
    log = json_log_at_debug.getvalue()
    written = lines(json_log_at_debug)
    assert len(written) > 20, "the test must see the log"
    assert all(set(line) >= FIELDS for line in written)
    assert any(line["logger"].startswith("slack_sdk") for line in written)
    for secret in (token, SECRET, "xapp-1-A0PLCBOT-1-test", "Jaime", "Marisol"):
        assert secret not in log
    assert WORDS not in log and DM_WORDS not in log
    in_requests = [line for line in written if line["request_id"]]
    assert in_requests, "lines written during a request name it"
    assert {(line["community"], line["platform"]) for line in in_requests} == {
        ("slack:T1", "slack")
    }


async def test_the_apologys_reference_is_the_request_id_on_that_requests_log_lines(
    fake: FakeSlack, json_log_at_debug: io.StringIO
) -> None:
    working = FakeStore()
    async with running(fake, uow=working.uow) as r:
        await r.slack.reply(await r.slack.command("UANA", 'team create "Grade 4" America/Chicago'))
    async with running(fake, uow=with_broken_teams(working)) as r:
        said = await r.slack.reply(await r.slack.command("UANA", f"norms add {BROKEN_NORM}."))
    found = re.search(r"reference ([0-9a-f]{8})", said)
    assert found is not None, said
    reference = found.group(1)
    (failure,) = [line for line in lines(json_log_at_debug) if "error" in line]
    assert failure["request_id"] == reference
    assert (failure["level"], failure["community"], failure["platform"]) == (
        "ERROR",
        "slack:T1",
        "slack",
    )
    assert "a defect nobody planned for" in failure["error"]  # the stack trace, with the line
    assert BROKEN_NORM not in json_log_at_debug.getvalue()
