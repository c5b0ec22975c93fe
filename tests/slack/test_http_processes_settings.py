"""`[slack] http_processes` is checked at start: a whole number from 1, HTTP mode only, and
only where SO_REUSEPORT spreads connections (Linux); each error names the key and says what to
do instead."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.slack import settings
from adapters.slack.settings import SlackSettings, SlackSettingsError, read_section

HTTP = {"SLACK_SIGNING_SECRET": "s" * 32, "SLACK_BOT_TOKEN": "xoxb-1"}
SOCKET = {**HTTP, "SLACK_APP_TOKEN": "xapp-1-A-1-x"}


def test_one_process_is_the_default_and_several_are_accepted_in_http_mode() -> None:
    assert read_section({}).http_processes == 1
    config = read_section({"http_processes": 4})
    assert SlackSettings.from_env(HTTP, config).http_processes == 4


@pytest.mark.parametrize("value", [0, -2, 1.5, "2", True, 65])
def test_a_count_that_is_not_a_whole_number_from_1_is_refused(value: Any) -> None:
    with pytest.raises(SlackSettingsError, match=r"\[slack\] http_processes: must be"):
        read_section({"http_processes": value})


def test_several_processes_in_socket_mode_are_refused() -> None:
    config = read_section({"http_processes": 2})
    with pytest.raises(SlackSettingsError, match=r"only in HTTP mode.*SLACK_APP_TOKEN"):
        SlackSettings.from_env(SOCKET, config)
    assert SlackSettings.from_env(SOCKET, read_section({})).socket_mode  # one is fine


def test_several_processes_where_the_port_cannot_be_shared_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "REUSE_PORT", False)
    with pytest.raises(SlackSettingsError, match=r"SO_REUSEPORT.*load balancer"):
        SlackSettings.from_env(HTTP, read_section({"http_processes": 2}))
    assert SlackSettings.from_env(HTTP, read_section({})).http_processes == 1
