"""The Slack adapter's settings: secrets from the environment, the rest from `[slack]` in the
TOML config (this adapter owns both). Checked at start; an error names the variable or key and
says what to do."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.api import ConfigError, config_rules

DEFAULT_API_URL = "https://slack.com/api/"
# The bot scopes the OAuth install asks for; manifest.yml lists the same, with reasons.
SCOPES = (
    "commands",
    "chat:write",
    "im:write",
    "im:history",
    "channels:history",
    "groups:history",
    "files:write",
    "files:read",
)
# Several processes can listen on one port, the kernel spreading connections between them,
# only where SO_REUSEPORT balances (Linux; the BSDs' and macOS's hands every one to one socket).
REUSE_PORT = sys.platform == "linux" and hasattr(socket, "SO_REUSEPORT")
MAX_HTTP_PROCESSES = 64
MAKE_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


class SlackSettingsError(ConfigError):
    pass


@dataclass(frozen=True)
class SlackConfig:
    """`[slack]` in the config file."""

    port: int = 3000
    path_prefix: str = "/slack"
    channel_posts_per_second: float = 1.0
    http_processes: int = 1  # HTTP mode: processes serving the port (SO_REUSEPORT)


SECTION_KEYS = ("port", "path_prefix", "channel_posts_per_second", "http_processes")


def read_section(section: Mapping[str, Any]) -> SlackConfig:
    """`[slack]`, checked: an error names the key and what to write instead."""
    try:
        config_rules.known_keys("slack", section, SECTION_KEYS)
        return SlackConfig(
            port=config_rules.whole("slack", "port", section.get("port", 3000), 1, 65535),
            path_prefix=config_rules.text(
                "slack", "path_prefix", section.get("path_prefix", "/slack")
            ),
            channel_posts_per_second=config_rules.positive(
                "slack",
                "channel_posts_per_second",
                section.get("channel_posts_per_second", 1.0),
                100,
                "; Slack allows about 1",
            ),
            http_processes=config_rules.whole(
                "slack",
                "http_processes",
                section.get("http_processes", 1),
                1,
                MAX_HTTP_PROCESSES,
                "a whole number of processes",
            ),
        )
    except ConfigError as e:
        raise SlackSettingsError(str(e)) from None


@dataclass(frozen=True)
class SlackSettings:
    signing_secret: str
    bot_token: str | None = None  # one workspace
    client_id: str | None = None  # many workspaces, through Slack's OAuth install
    client_secret: str | None = None
    token_key: str | None = None  # PLCBOT_TOKEN_KEY: encrypts stored tokens (OAuth)
    redirect_uri: str | None = None
    app_token: str | None = None  # Socket Mode
    api_url: str = DEFAULT_API_URL
    host: str | None = None  # None: every interface
    port: int = 3000
    path_prefix: str = "/slack"
    posts_per_second: float = 1.0
    http_processes: int = 1

    @property
    def oauth(self) -> bool:
        return self.client_id is not None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], config: SlackConfig, *, base_url: str | None = None
    ) -> SlackSettings:
        def get(name: str) -> str | None:
            value = (env.get(name) or "").strip()
            return value or None

        app_token = get("SLACK_APP_TOKEN")
        if app_token is not None and not app_token.startswith("xapp-"):
            raise SlackSettingsError(
                "SLACK_APP_TOKEN: must be an app-level token starting with xapp- "
                "(Basic Information > App-Level Tokens, scope connections:write)"
            )
        secret = get("SLACK_SIGNING_SECRET")
        if secret is None and app_token is None:
            raise SlackSettingsError(
                "SLACK_SIGNING_SECRET: missing; copy it from your app's Basic Information page "
                "(HTTP mode verifies every request with it), or set SLACK_APP_TOKEN for Socket Mode"
            )
        client_id, client_secret = get("SLACK_CLIENT_ID"), get("SLACK_CLIENT_SECRET")
        bot_token = _bot_token(get)
        if not config.channel_posts_per_second > 0:
            raise SlackSettingsError(
                "[slack] channel_posts_per_second: must be more than 0 "
                f"(Slack allows about 1), not {config.channel_posts_per_second!r}"
            )
        _check_processes(config.http_processes, socket_mode=app_token is not None)
        prefix = "/" + config.path_prefix.strip("/")
        api_url = base_url or get("SLACK_API_URL") or DEFAULT_API_URL
        return cls(
            signing_secret=secret or "",
            bot_token=bot_token,
            client_id=client_id,
            client_secret=client_secret,
            token_key=get("PLCBOT_TOKEN_KEY") if client_id else None,
            redirect_uri=get("SLACK_REDIRECT_URI"),
            app_token=app_token,
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            host=get("SLACK_HTTP_HOST"),
            port=config.port,
            path_prefix="" if prefix == "/" else prefix,
            posts_per_second=config.channel_posts_per_second,
            http_processes=config.http_processes,
        )


def _check_processes(count: int, *, socket_mode: bool) -> None:
    if count == 1:
        return
    if count < 1:
        raise SlackSettingsError(f"[slack] http_processes: must be 1 or more, not {count!r}")
    if socket_mode:
        raise SlackSettingsError(
            "[slack] http_processes: several processes serve Slack only in HTTP mode; in Socket "
            "Mode (SLACK_APP_TOKEN is set) one process holds the connection. Set http_processes "
            "= 1, or unset SLACK_APP_TOKEN to serve HTTP"
        )
    if not REUSE_PORT:
        raise SlackSettingsError(
            f"[slack] http_processes: needs SO_REUSEPORT (Linux) to share the port, and "
            f"{sys.platform} has none that balances. Set http_processes = 1 and run several "
            "`plcbot run` processes on their own ports behind a load balancer instead"
        )


def _bot_token(get: Callable[[str], str | None]) -> str | None:
    """One workspace's bot token; None with OAuth, whose tokens come from the installation
    store (its client secret and token key are checked here too)."""
    bot_token = get("SLACK_BOT_TOKEN")
    if get("SLACK_CLIENT_ID") is not None:
        if get("SLACK_CLIENT_SECRET") is None:
            raise SlackSettingsError(
                "SLACK_CLIENT_SECRET: missing; it goes with SLACK_CLIENT_ID: copy it from your "
                "app's Basic Information page (App Credentials > Client Secret)"
            )
        if get("PLCBOT_TOKEN_KEY") is None:
            raise SlackSettingsError(
                "PLCBOT_TOKEN_KEY: missing; the OAuth install stores every workspace's tokens "
                f"encrypted with this key. Make one with: {MAKE_KEY}"
            )
        return None  # many workspaces: tokens come from the installation store
    if bot_token is None:
        raise SlackSettingsError(
            "SLACK_BOT_TOKEN: missing; set it (xoxb-…) for one workspace, "
            "or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and PLCBOT_TOKEN_KEY to install in many"
        )
    if not bot_token.startswith("xoxb-"):
        raise SlackSettingsError("SLACK_BOT_TOKEN: must be a bot token starting with xoxb-")
    return bot_token
