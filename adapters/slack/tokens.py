"""Workspace tokens at rest: encrypted before they reach the database, decrypted on the way out.

slack_sdk's AsyncSQLAlchemyInstallationStore keeps tokens in plain text. This wrapper seals
every secret field (bot and user tokens, refresh tokens, the incoming-webhook URL) with
Fernet under PLCBOT_TOKEN_KEY, so a database dump holds no usable token. Several keys,
comma-separated, allow rotation: the first encrypts, any of them decrypts."""

from __future__ import annotations

import copy
import logging
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import (
    AsyncSQLAlchemyInstallationStore,
    SQLAlchemyInstallationStore,
)
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, Table, Text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.slack.settings import MAKE_KEY, SlackSettingsError

log = logging.getLogger(__name__)

INSTALLATION_SECRETS = (
    "bot_token",
    "user_token",
    "bot_refresh_token",
    "user_refresh_token",
    "incoming_webhook_url",
)
BOT_SECRETS = ("bot_token", "bot_refresh_token")
T = TypeVar("T", Installation, Bot)


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


def _with(obj: T, fields: tuple[str, ...], change: Any) -> T:
    out = copy.copy(obj)
    for name in fields:
        setattr(out, name, change(getattr(obj, name, None)))
    return out


def _widen(table: Table, fields: tuple[str, ...]) -> Table:
    # An encrypted token is about 2.5 times as long as the token; String(200) would cut it.
    for name in fields:
        table.c[name].type = Text()
    return table


class SlackInstallations(AsyncSQLAlchemyInstallationStore):
    """slack_sdk's store, with token columns wide enough for encrypted tokens."""

    @classmethod
    def build_installations_table(cls, metadata: MetaData, table_name: str) -> Table:
        return _widen(
            SQLAlchemyInstallationStore.build_installations_table(metadata, table_name),
            INSTALLATION_SECRETS,
        )

    @classmethod
    def build_bots_table(cls, metadata: MetaData, table_name: str) -> Table:
        return _widen(
            SQLAlchemyInstallationStore.build_bots_table(metadata, table_name), BOT_SECRETS
        )


class EncryptedInstallationStore(AsyncInstallationStore):
    def __init__(self, inner: SlackInstallations, cipher: TokenCipher) -> None:
        self.inner = inner
        self._cipher = cipher

    @property
    def logger(self) -> logging.Logger:
        return log

    def _seal(self, obj: T) -> T:
        return _with(
            obj,
            INSTALLATION_SECRETS if isinstance(obj, Installation) else BOT_SECRETS,
            self._cipher.seal,
        )

    def _open(self, obj: T | None) -> T | None:
        if obj is None:
            return None
        return _with(
            obj,
            INSTALLATION_SECRETS if isinstance(obj, Installation) else BOT_SECRETS,
            self._cipher.open,
        )

    async def async_save(self, installation: Installation) -> None:
        await self.inner.async_save(self._seal(installation))

    async def async_save_bot(self, bot: Bot) -> None:
        await self.inner.async_save_bot(self._seal(bot))

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        found = await self.inner.async_find_bot(
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        return self._open(found)

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        found = await self.inner.async_find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        return self._open(found)

    async def async_find_bot_for_team(self, team_id: str) -> Bot | None:
        """The latest bot of a workspace, whether or not it belongs to a Grid org (posts made
        outside a request know the workspace's id only)."""
        c = self.inner.bots.c
        query = (
            self.inner.bots.select()
            .where(
                c.client_id == self.inner.client_id, c.team_id == team_id, c.bot_token.is_not(None)
            )
            .order_by(c.installed_at.desc())
            .limit(1)
        )
        async with self.inner.engine.connect() as conn:
            row = (await conn.execute(query)).mappings().first()
        return self._open(SQLAlchemyInstallationStore.build_bot_entity(row)) if row else None

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await self.inner.async_delete_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        await self.inner.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id)


def installation_stores(
    engine: AsyncEngine, *, client_id: str, token_key: str
) -> tuple[EncryptedInstallationStore, AsyncSQLAlchemyOAuthStateStore]:
    """The encrypted installation store and the OAuth state store, on the bot's own database."""
    cipher = TokenCipher(token_key)
    installations = EncryptedInstallationStore(
        SlackInstallations(client_id=client_id, engine=engine), cipher
    )
    states = AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    return installations, states


async def create_tables(
    installations: EncryptedInstallationStore, states: AsyncSQLAlchemyOAuthStateStore
) -> None:
    """Create slack_installations, slack_bots and slack_oauth_states where they are missing."""
    await installations.inner.create_tables()  # type: ignore[no-untyped-call]
    await states.create_tables()  # type: ignore[no-untyped-call]
