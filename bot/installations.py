"""The installation-store port: where a platform app installed in many workspaces keeps each
workspace's bot credentials and the one-time states of its OAuth flow.

Storage implements it (it owns every table); the Slack adapter wraps it in slack_sdk's store
interfaces. Secrets arrive here already sealed: the adapter encrypts every token before it
reaches the port and decrypts after, so the tables hold ciphertext only and this module never
sees a usable token. Every call is one transaction: an installation and its bot are saved
together or not at all; an uninstall deletes both together.

Ids follow Slack's shape: an org-wide (Enterprise Grid) install has an enterprise id and no
team id; a workspace install has a team id and, inside a Grid org, its enterprise id too.
`client_id` names the app whose rows these are, so two apps can share a database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class WorkspaceBot:
    """The bot's credentials in one workspace or org. Token fields hold sealed text."""

    app_id: str
    enterprise_id: str | None
    team_id: str | None
    installed_at: datetime  # aware UTC
    is_enterprise_install: bool = False
    enterprise_name: str | None = None
    team_name: str | None = None
    bot_token: str | None = None
    bot_id: str | None = None
    bot_user_id: str | None = None
    bot_scopes: str | None = None  # comma-separated
    bot_refresh_token: str | None = None
    bot_token_expires_at: datetime | None = None


@dataclass(frozen=True)
class WorkspaceInstallation:
    """One install by one person: the bot's part, and what the installer granted."""

    bot: WorkspaceBot
    user_id: str
    enterprise_url: str | None = None
    user_token: str | None = None
    user_scopes: str | None = None  # comma-separated
    user_refresh_token: str | None = None
    user_token_expires_at: datetime | None = None
    incoming_webhook_url: str | None = None  # a secret too: anyone holding it can post
    incoming_webhook_channel: str | None = None
    incoming_webhook_channel_id: str | None = None
    incoming_webhook_configuration_url: str | None = None
    token_type: str | None = None


class InstallationStore(Protocol):
    async def save_installation(self, client_id: str, installation: WorkspaceInstallation) -> None:
        """Keep the installation and its bot (one transaction). Saving the same install again
        (same workspace, same installed_at) replaces it."""
        ...

    async def save_bot(self, client_id: str, bot: WorkspaceBot) -> None: ...

    async def find_bot(
        self, client_id: str, *, enterprise_id: str | None, team_id: str | None
    ) -> WorkspaceBot | None:
        """The latest bot with a token for exactly these ids (team_id None: an org-wide one)."""
        ...

    async def find_bot_for_team(self, client_id: str, team_id: str) -> WorkspaceBot | None:
        """The latest bot with a token in a workspace, inside a Grid org or not (posts made
        outside a request know the workspace's id only)."""
        ...

    async def find_installation(
        self,
        client_id: str,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
    ) -> WorkspaceInstallation | None:
        """The latest installation (by this user, when given), carrying the latest bot token."""
        ...

    async def delete_installation(
        self,
        client_id: str,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
    ) -> None:
        """Forget the installations for these ids (only this user's, when given)."""
        ...

    async def delete_bot(
        self, client_id: str, *, enterprise_id: str | None, team_id: str | None
    ) -> None: ...

    async def delete_workspace(
        self, client_id: str, *, enterprise_id: str | None, team_id: str | None
    ) -> None:
        """Forget every bot and installation for these ids at once (uninstall, revoked)."""
        ...


class OAuthStates(Protocol):
    """One-time values that tie an OAuth redirect to the browser that started the install."""

    async def issue_state(self, state: str, *, expires_at: datetime) -> None: ...

    async def consume_state(self, state: str, *, now: datetime) -> bool:
        """True once for a state issued and not yet expired at `now`; it is gone after."""
        ...
