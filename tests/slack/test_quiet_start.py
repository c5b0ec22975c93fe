"""A Slack start logs nothing alarming that is not true (issue 18)."""

from __future__ import annotations

import logging

import pytest

from platform_fakes.slack.fake_slack import FakeSlack
from tests.slack.conftest import running


async def test_a_slack_start_with_its_bot_token_in_the_environment_logs_no_token_unused_warning(
    fake: FakeSlack, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = fake.add_workspace("T1").token
    monkeypatch.setenv("SLACK_BOT_TOKEN", token)  # as `plcbot run` has it: bolt reads it too
    caplog.set_level(logging.INFO)
    async with running(fake, env={"SLACK_BOT_TOKEN": token}) as r:
        answered = await r.slack.command("UANA", "help")
        assert answered.status == 200
    assert caplog.records, "the test must see the log"
    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]
