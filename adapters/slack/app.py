"""The slack-bolt AsyncApp: its client, signature check, OAuth, and the listeners."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings

from adapters.kit import Deadline
from adapters.slack.chat import SlackChat
from adapters.slack.clients import Clients
from adapters.slack.events import Events
from adapters.slack.interactive import Interactive
from adapters.slack.settings import SCOPES, SlackSettings
from adapters.slack.tokens import EncryptedInstallationStore, OAuthStateStore
from bot.api import PlcBot

COMMAND = "/plc"
OURS = re.compile(r"^plc:")  # the core's action ids (buttons) and form ids (modals)
NOT_INSTALLED = (
    "plcbot is no longer installed in this workspace, so it cannot answer. "
    "A workspace admin can install it again."
)


class _ClientHoldsTheToken(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment by itself and, when a client is given
    too, warns on every start that the token will be unused. The client plcbot gives it is
    made from that very token (with our API URL, shared pool and retry handlers), so nothing
    is unused: this drops exactly that warning, and nothing else bolt says."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


BOLT_LOG = logging.getLogger("slack_bolt.AsyncApp")  # bolt's own name for its app logger
BOLT_LOG.addFilter(_ClientHoldsTheToken())


def install_path(settings: SlackSettings) -> str:
    return f"{settings.path_prefix}/install"


def redirect_path(settings: SlackSettings) -> str:
    return f"{settings.path_prefix}/oauth_redirect"


def build_app(
    settings: SlackSettings,
    *,
    bot: PlcBot,
    chat: SlackChat,
    clients: Clients,
    background: Deadline,
    installations: EncryptedInstallationStore | None = None,
    states: OAuthStateStore | None = None,
) -> AsyncApp:
    oauth = None
    if settings.oauth:
        assert settings.client_id and settings.client_secret and installations and states
        oauth = AsyncOAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=list(SCOPES),
            user_scopes=[],
            redirect_uri=settings.redirect_uri,
            install_path=install_path(settings),
            redirect_uri_path=redirect_path(settings),
            installation_store=installations,
            installation_store_bot_only=True,
            state_store=states,
        )
    app = AsyncApp(
        name="plcbot",
        logger=BOLT_LOG,
        client=clients.make(settings.bot_token),
        signing_secret=settings.signing_secret,
        # adapters/slack/web.py checks every POST's signature before the request takes an
        # admission slot (Socket Mode's envelopes carry none); Bolt checking it again per
        # request was the same HMAC twice on the hot path.
        request_verification_enabled=False,
        process_before_response=True,  # we ack ourselves, at once (see adapters/kit/deadline.py)
        installation_store=installations,
        installation_store_bot_only=True if installations else None,
        oauth_settings=oauth,
        user_facing_authorize_error_message=NOT_INSTALLED,
    )
    interactive = Interactive(bot, chat, background)
    events = Events(interactive, installations)
    app.command(COMMAND)(interactive.command)
    app.action(OURS)(interactive.action)
    app.view_submission(OURS)(interactive.submission)
    app.event("message")(events.message)
    app.event("app_home_opened")(events.home)
    app.event("app_uninstalled")(events.uninstalled)
    app.event("tokens_revoked")(events.tokens_revoked)
    return app
