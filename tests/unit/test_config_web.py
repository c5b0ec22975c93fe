"""`[web]`: the panel's address, port and public URL, read like the other sections; the demo
login only on a loopback address without platform credentials; the sessions' key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError
from bot.config_sections import WebConfig
from plcbot.panel import DEMO_COMMUNITY, demo_community, panel_key
from plcbot.registry import load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_by_default_the_panel_is_on_for_this_host_only() -> None:
    config = load_config(None, env={})
    assert config.web == WebConfig(enabled=True, address="127.0.0.1", port=8080, public_url="")
    assert load_config(ROOT / "config.example.toml", env={}).web == config.web


def test_the_panel_is_read_from_its_section() -> None:
    raw = {
        "web": {
            "enabled": False,
            "address": "0.0.0.0",
            "port": 0,
            "public_url": "https://plc.example.org",
        }
    }
    assert parse_config(raw, {}).web == WebConfig(False, "0.0.0.0", 0, "https://plc.example.org/")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"port": 70000}, "[web] port: must be a port number from 0 to 65535"),
        ({"prot": 1}, "[web] prot: unknown key (did you mean port?)"),
        ({"public_url": "plc.example.org"}, "[web] public_url: must start with https://"),
        ({"enabled": "yes"}, "[web] enabled: must be true or false"),
    ],
)
def test_a_wrong_value_is_named_with_its_key(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config({"web": raw}, {})
    assert str(raised.value).startswith(message)


def test_the_demo_login_only_on_loopback_and_without_platform_credentials() -> None:
    local = parse_config({}, {})
    assert demo_community(local, {}) == DEMO_COMMUNITY
    assert demo_community(local, {"DISCORD_TOKEN": "x"}) is None
    assert demo_community(local, {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}) is None
    exposed = parse_config({"web": {"address": "0.0.0.0"}}, {})
    assert demo_community(exposed, {}) is None


def test_the_demo_login_is_off_with_any_credential_or_a_public_address() -> None:
    local = parse_config({}, {})
    for variable in (
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "DISCORD_CLIENT_ID",
        "DISCORD_CLIENT_SECRET",
    ):
        assert demo_community(local, {variable: "x"}) is None, variable
    assert demo_community(local, {"SLACK_API_URL": "http://127.0.0.1:9/api/"}) == DEMO_COMMUNITY
    proxied = parse_config({"web": {"public_url": "https://plc.example.org"}}, {})
    assert demo_community(proxied, {}) is None
    here = parse_config({"web": {"public_url": "http://localhost:8080"}}, {})
    assert demo_community(here, {}) == DEMO_COMMUNITY


def test_the_session_key_comes_from_the_environment_and_a_bad_one_is_refused() -> None:
    from cryptography.fernet import Fernet

    key = Fernet.generate_key()
    assert panel_key({"PLCBOT_WEB_KEY": key.decode()}) == key
    assert len(panel_key({})) == len(key)  # one for this process
    with pytest.raises(ConfigError, match="PLCBOT_WEB_KEY is not a key"):
        panel_key({"PLCBOT_WEB_KEY": "not-a-key"})
