"""Settings checked at start (errors name the variable), tokens sealed at rest, the manifest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import text

from adapters.slack.runner import SlackAdapter
from adapters.slack.settings import SCOPES, SlackConfig, SlackSettings, SlackSettingsError
from adapters.slack.tokens import TokenCipher, TokenKeyError, installation_stores
from bot.config import ConfigError
from storage.engine import make_engine
from storage.installations import SqlInstallationStore

MANIFEST = Path(__file__).resolve().parents[2] / "adapters" / "slack" / "manifest.yml"
ONE = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}


@pytest.mark.parametrize(
    "env, named",
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN"),
        ({**ONE, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
        ({"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1.2"}, "SLACK_CLIENT_SECRET"),
        (
            {"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "x"},
            "PLCBOT_TOKEN_KEY",
        ),
    ],
)
def test_a_missing_or_wrong_setting_is_refused_with_its_variable_named(
    env: dict[str, str], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        SlackSettings.from_env(env, SlackConfig())


def test_oauth_without_a_token_key_says_how_to_make_one() -> None:
    env = {"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "x"}
    with pytest.raises(SlackSettingsError, match=r"PLCBOT_TOKEN_KEY.*Fernet\.generate_key"):
        SlackAdapter(env=env, config=SlackConfig())


def test_a_token_key_that_is_not_a_fernet_key_is_refused() -> None:
    with pytest.raises(SlackSettingsError, match="PLCBOT_TOKEN_KEY: not a Fernet key"):
        TokenCipher("hunter2")


def test_oauth_without_an_installation_store_is_refused() -> None:
    env = {
        "SLACK_SIGNING_SECRET": "s",
        "SLACK_CLIENT_ID": "1.2",
        "SLACK_CLIENT_SECRET": "x",
        "PLCBOT_TOKEN_KEY": Fernet.generate_key().decode(),
    }
    with pytest.raises(SlackSettingsError, match=r"database.*no installation store"):
        SlackAdapter(env=env, config=SlackConfig())


def test_settings_choose_the_mode_and_normalise_the_url_and_prefix() -> None:
    s = SlackSettings.from_env(
        {**ONE, "SLACK_APP_TOKEN": "xapp-1"}, SlackConfig(path_prefix="hooks/slack/")
    )
    assert s.socket_mode and not s.oauth
    assert s.path_prefix == "/hooks/slack" and s.api_url == "https://slack.com/api/"
    assert (
        SlackSettings.from_env(ONE, SlackConfig(), base_url="http://127.0.0.1:9/api").api_url
        == "http://127.0.0.1:9/api/"
    )
    with pytest.raises(SlackSettingsError, match="channel_posts_per_second"):
        SlackSettings.from_env(ONE, SlackConfig(channel_posts_per_second=0))


def test_a_sealed_token_opens_with_any_listed_key_and_fails_clearly_with_a_wrong_one() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed = TokenCipher(old).seal("xoxb-secret")
    assert sealed and "xoxb" not in sealed
    assert TokenCipher(f"{new},{old}").open(sealed) == "xoxb-secret"
    with pytest.raises(TokenKeyError, match="PLCBOT_TOKEN_KEY"):
        TokenCipher(new).open(sealed)


async def test_the_installation_store_seals_every_secret_and_opens_them_on_find(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        port = SqlInstallationStore(engine)
        store, _states = installation_stores(
            port, port, client_id="1.2", token_key=Fernet.generate_key().decode()
        )
        long_refresh = "xoxe-1-" + "r" * 150  # rotating tokens are long: the columns hold them
        hook = "https://hooks.slack.com/services/T1/B1/xyz"
        installation = Installation(
            app_id="A1",
            team_id="T1",
            user_id="U1",
            bot_token="xoxb-bot",
            bot_id="B1",
            bot_user_id="UB1",
            bot_scopes=["commands", "chat:write"],
            user_token="xoxp-user",
            bot_refresh_token=long_refresh,
            incoming_webhook_url=hook,
            installed_at=1764115200.25,
        )
        await store.async_save(installation)
        assert installation.bot_token == "xoxb-bot"  # the caller's object is left as it was
        found = await store.async_find_installation(enterprise_id=None, team_id="T1")
        assert found is not None
        assert (found.bot_token, found.user_token) == ("xoxb-bot", "xoxp-user")
        assert (found.bot_refresh_token, found.incoming_webhook_url) == (long_refresh, hook)
        assert found.bot_scopes == ["commands", "chat:write"]
        assert found.installed_at == 1764115200.25
        bot = await store.async_find_bot_for_team("T1")
        assert bot is not None and bot.bot_token == "xoxb-bot"

        async with engine.connect() as conn:
            rows = [
                repr(tuple(row))
                for table in ("slack_installations", "slack_bots")
                for row in await conn.execute(text(f"SELECT * FROM {table}"))
            ]
        assert len(rows) == 2
        secrets = ("xoxb-bot", "xoxp-user", long_refresh, hook)
        assert not any(secret in row for row in rows for secret in secrets)
    finally:
        await engine.dispose()


def test_the_manifest_asks_for_exactly_the_scopes_the_install_asks_for() -> None:
    manifest = MANIFEST.read_text(encoding="utf-8")
    bot_scopes = re.search(r"^    bot:\n((?:      - .*\n)+)", manifest, re.MULTILINE)
    assert bot_scopes is not None
    listed = [line.split("#")[0].strip(" -") for line in bot_scopes.group(1).splitlines()]
    assert tuple(listed) == SCOPES
    for event in (
        "message.im",
        "message.channels",
        "message.groups",
        "app_home_opened",
        "app_uninstalled",
        "tokens_revoked",
    ):
        assert re.search(rf"^      - {re.escape(event)}\b", manifest, re.MULTILINE), event
    assert "command: /plc" in manifest and "should_escape: true" in manifest
    assert "home_tab_enabled: true" in manifest and "socket_mode_enabled: false" in manifest
    assert manifest.count("/slack/events") == 3 and "/slack/oauth_redirect" in manifest
