"""The Slack platform's registry entry (plcbot/registry.py names this module)."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

from adapters.slack.settings import SlackConfig, SlackSettings, SlackSettingsError, read_section
from bot.api import Chat, Platform

if TYPE_CHECKING:
    from adapters.slack.runner import SlackAdapter


def has_credentials(env: Mapping[str, str]) -> bool:
    return bool(
        (env.get("SLACK_SIGNING_SECRET") or env.get("SLACK_APP_TOKEN"))
        and (env.get("SLACK_BOT_TOKEN") or env.get("SLACK_CLIENT_ID"))
    )


VARIABLES = (
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
)


def missing_credentials(env: Mapping[str, str]) -> str | None:
    """A Slack variable is set without the ones it goes with (a signing secret without a
    token, a token without a signing secret, a client id without its secret...)."""
    if not any((env.get(name) or "").strip() for name in VARIABLES):
        return None
    try:
        SlackSettings.from_env(env, SlackConfig())
    except SlackSettingsError as e:
        return str(e)
    return None


def build(config: SlackConfig, env: Mapping[str, str], storage: Any) -> SlackAdapter:
    """`storage.installations`: where the OAuth install keeps its workspaces' tokens (sealed)
    and its one-use states."""
    from adapters.slack.runner import SlackAdapter  # the SDK only once the platform runs

    return SlackAdapter(
        env=env,
        config=config,
        installations=storage.installations,
        states=storage.installations,
    )


def poster(
    config: SlackConfig, env: Mapping[str, str], storage: Any
) -> AbstractAsyncContextManager[Chat]:
    """The Web API clients alone (no server): a scheduler process of its own posts with them."""
    return build(config, env, storage).posting()


PLATFORM = Platform(
    name="slack",
    credentials=(
        "SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET "
        "(OAuth); add SLACK_APP_TOKEN for Socket Mode"
    ),
    has_credentials=has_credentials,
    read_section=read_section,
    build=build,
    poster=poster,
    missing_credentials=missing_credentials,
)
