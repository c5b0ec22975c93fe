"""Workspace tokens at rest: encrypted before they reach the installation store, decrypted on
the way out.

slack-bolt asks for slack_sdk's AsyncInstallationStore and AsyncOAuthStateStore; these are
thin classes over the core's ports (bot.installations), which storage implements. Every
secret field (bot and user tokens, refresh tokens, the incoming-webhook URL) is sealed with
Fernet under PLCBOT_TOKEN_KEY here, in the adapter, so the database holds no usable token.
Several keys, comma-separated, allow rotation: the first encrypts, any of them decrypts."""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from adapters.slack.settings import MAKE_KEY, SlackSettingsError
from bot.api import InstallationStore, OAuthStates, WorkspaceBot, WorkspaceInstallation

log = logging.getLogger(__name__)

BOT_SECRETS = ("bot_token", "bot_refresh_token")
INSTALLATION_SECRETS = ("user_token", "user_refresh_token", "incoming_webhook_url")
BOT_FIELDS = tuple(f.name for f in fields(WorkspaceBot))
INSTALLATION_FIELDS = tuple(f.name for f in fields(WorkspaceInstallation) if f.name != "bot")
STATE_SECONDS = 600  # an install started in the browser must come back within ten minutes


class TokenKeyError(RuntimeError):
    """A stored token does not open with PLCBOT_TOKEN_KEY (the key changed or was lost)."""


class TokenCipher:
    def __init__(self, keys: str) -> None:
        try:
            fernets = [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()]
        except ValueError:
            raise SlackSettingsError(
                f"PLCBOT_TOKEN_KEY: not a Fernet key (32 url-safe base64 bytes). Make one with: {MAKE_KEY}"
            ) from None
        if not fernets:
            raise SlackSettingsError(f"PLCBOT_TOKEN_KEY: empty. Make a key with: {MAKE_KEY}")
        self._fernet = MultiFernet(fernets)

    def seal(self, value: str | None) -> str | None:
        return None if value is None else self._fernet.encrypt(value.encode()).decode()

    def open(self, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return self._fernet.decrypt(value.encode()).decode()
        except InvalidToken:
            raise TokenKeyError(
                "a stored Slack token cannot be decrypted with PLCBOT_TOKEN_KEY: was the key "
                "changed? Put the old key after the new one (comma-separated), or reinstall the app."
            ) from None

    def seal_bot(self, values: dict[str, Any]) -> WorkspaceBot:
        """slack_sdk's values (to_dict()) as a sealed record."""
        bot: dict[str, Any] = {name: values.get(name) for name in BOT_FIELDS}
        return WorkspaceBot(**{**bot, **{k: self.seal(bot[k]) for k in BOT_SECRETS}})

    def seal_installation(self, installation: Installation) -> WorkspaceInstallation:
        values = installation.to_dict()
        own: dict[str, Any] = {name: values.get(name) for name in INSTALLATION_FIELDS}
        sealed = {k: self.seal(own[k]) for k in INSTALLATION_SECRETS}
        return WorkspaceInstallation(bot=self.seal_bot(values), **{**own, **sealed})

    def open_bot(self, bot: WorkspaceBot) -> dict[str, Any]:
        return {**asdict(bot), **{k: self.open(getattr(bot, k)) for k in BOT_SECRETS}}

    def open_installation(self, installation: WorkspaceInstallation) -> Installation:
        own = {k: getattr(installation, k) for k in INSTALLATION_FIELDS}
        opened = {k: self.open(own[k]) for k in INSTALLATION_SECRETS}
        return Installation(**self.open_bot(installation.bot), **{**own, **opened})


class EncryptedInstallationStore(AsyncInstallationStore):
    """slack_sdk's installation store interface over the core's port, tokens sealed."""

    def __init__(self, store: InstallationStore, *, client_id: str, cipher: TokenCipher) -> None:
        self._store = store
        self._client_id = client_id
        self._cipher = cipher

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        await self._store.save_installation(
            self._client_id, self._cipher.seal_installation(installation)
        )

    async def async_save_bot(self, bot: Bot) -> None:
        await self._store.save_bot(self._client_id, self._cipher.seal_bot(bot.to_dict()))

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        found = await self._store.find_bot(
            self._client_id,
            enterprise_id=enterprise_id,
            team_id=None if is_enterprise_install else team_id,
        )
        return None if found is None else Bot(**self._cipher.open_bot(found))

    async def async_find_bot_for_team(self, team_id: str) -> Bot | None:
        """The latest bot of a workspace, whether or not it belongs to a Grid org (posts made
        outside a request know the workspace's id only)."""
        found = await self._store.find_bot_for_team(self._client_id, team_id)
        return None if found is None else Bot(**self._cipher.open_bot(found))

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        found = await self._store.find_installation(
            self._client_id,
            enterprise_id=enterprise_id,
            team_id=None if is_enterprise_install else team_id,
            user_id=user_id,
        )
        return None if found is None else self._cipher.open_installation(found)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._store.delete_bot(self._client_id, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await self._store.delete_installation(
            self._client_id, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._store.delete_workspace(
            self._client_id, enterprise_id=enterprise_id, team_id=team_id
        )


class OAuthStateStore(AsyncOAuthStateStore):
    """slack_sdk's OAuth state store interface over the core's port."""

    def __init__(self, states: OAuthStates, *, expiration_seconds: int = STATE_SECONDS) -> None:
        self._states = states
        self._lifetime = timedelta(seconds=expiration_seconds)

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = str(uuid.uuid4())
        await self._states.issue_state(state, expires_at=datetime.now(UTC) + self._lifetime)
        return state

    async def async_consume(self, state: str) -> bool:
        return await self._states.consume_state(state, now=datetime.now(UTC))


def installation_stores(
    installations: InstallationStore, states: OAuthStates, *, client_id: str, token_key: str
) -> tuple[EncryptedInstallationStore, OAuthStateStore]:
    """The encrypted installation store and the OAuth state store, over the core's ports."""
    store = EncryptedInstallationStore(
        installations, client_id=client_id, cipher=TokenCipher(token_key)
    )
    return store, OAuthStateStore(states)
