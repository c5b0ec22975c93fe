"""No reflection text reaches any log, whatever the Slack libraries log: slack-bolt logs the
body of a request whose signature fails (at INFO), so a wrong signing secret would write
teachers' words to the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running
from tests.slack.test_commands import team_with_facilitator

WORDS = "Jaime cried during the fractions quiz; keep this between us"


@pytest.fixture
def every_logger_at_debug(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """The root and every logger known so far (the SDKs' included) at DEBUG, captured."""
    names = [
        name
        for name, known in logging.root.manager.loggerDict.items()
        if isinstance(known, logging.Logger)
    ]
    before = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        yield caplog
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return (
        "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
        + caplog.text
    )


async def test_a_request_signed_with_a_wrong_secret_writes_no_reflection_text_to_any_log(
    fake: FakeSlack, every_logger_at_debug: pytest.LogCaptureFixture
) -> None:
    caplog = every_logger_at_debug
    async with running(fake) as r:
        r.slack.secret = "not-the-signing-secret"
        command = await r.slack.command("UTEO", f"reflect {WORDS}")
        dm = await r.slack.dm("UTEO", WORDS)
        thread = await r.slack.thread_reply("UTEO", "C1", "1.0", WORDS)
        assert (command.status, dm.status, thread.status) == (401, 401, 401)
        for name in ("slack_bolt", "slack_sdk"):  # loggers the app made after the fixture ran
            logging.getLogger(name).setLevel(logging.DEBUG)
        await r.slack.command("UTEO", f"reflect {WORDS}")
    assert caplog.records, "the test must see the log"
    assert "Jaime" not in logged(caplog)
    assert any("signature" in r.getMessage() for r in caplog.records)  # refused, and said so


@pytest.mark.parametrize("mode", ["http", "socket"])
async def test_a_shared_reflection_and_a_form_reach_no_log_though_the_sdk_logs_every_body(
    fake: FakeSlack, mode: str, every_logger_at_debug: pytest.LogCaptureFixture
) -> None:
    caplog = every_logger_at_debug
    async with running(fake, mode=mode) as r:
        for name in ("slack_bolt", "slack_sdk"):
            logging.getLogger(name).setLevel(logging.DEBUG)
        await team_with_facilitator(r.slack)
        ack = await r.slack.command("UTEO", f"reflect --team {WORDS}")
        assert "Saved" in await r.slack.reply(ack)
        await fake.until(lambda: [m for m in fake.in_channel("C1") if "Jaime" in m.text])
    assert any(r.name.startswith("slack_sdk") for r in caplog.records)
    assert "Jaime" not in logged(caplog)
