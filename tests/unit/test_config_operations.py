"""`[operations]` (the listener's address and port) and `[logging]` (text or JSON lines):
defaults that are safe on a shared host, and a wrong value named with its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, OperationsConfig
from plcbot.registry import load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_by_default_the_listener_is_on_for_this_host_only_and_logs_are_text() -> None:
    config = load_config(None, env={})
    assert config.operations == OperationsConfig(enabled=True, address="127.0.0.1", port=9464)
    assert config.log_format == "text"
    example = load_config(ROOT / "config.example.toml", env={})
    assert (example.operations, example.log_format) == (config.operations, "text")


def test_the_listener_and_the_log_format_are_read_from_their_sections() -> None:
    raw = {
        "operations": {"enabled": False, "address": "0.0.0.0", "port": 0},
        "logging": {"format": "json"},
    }
    config = parse_config(raw, {})
    assert config.operations == OperationsConfig(enabled=False, address="0.0.0.0", port=0)
    assert config.log_format == "json"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"operations": {"port": 70000}},
            "[operations] port: must be a port number from 0 to 65535",
        ),
        ({"operations": {"port": "9464"}}, "[operations] port: must be a port number"),
        ({"operations": {"enabled": "false"}}, "[operations] enabled: must be true or false"),
        ({"operations": {"address": ""}}, "[operations] address: must be a non-empty string"),
        ({"operations": {"host": "x"}}, "[operations] host: unknown key"),
        ({"logging": {"format": "xml"}}, "[logging] format: must be one of json, text, not 'xml'"),
        ({"logging": {"level": "DEBUG"}}, "[logging] level: unknown key"),
    ],
)
def test_a_wrong_operations_or_logging_value_is_named_with_its_key(
    raw: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as e:
        parse_config(raw, {})
    assert message in str(e.value)
