"""Web API clients: one per bot token, all pointed at the same API URL and all waiting out 429s.

One workspace: the single SLACK_BOT_TOKEN. Many: each community's bot token from the
(encrypted) installation store, found by team id, or by enterprise id for an org-wide install."""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.tokens import EncryptedInstallationStore
from bot.api import ChatError, CommunityRef, metrics

RATE_LIMIT_RETRIES = 3  # each waits Retry-After (plus up to a second); then the call fails


class CountedRateLimitRetries(AsyncRateLimitErrorRetryHandler):
    """Waits out 429s like slack_sdk's own handler, and counts each 429 and each retry."""

    async def _can_retry_async(self, **kwargs: Any) -> bool:
        limited = await super()._can_retry_async(**kwargs)
        if limited:
            metrics().rate_limited("slack")
        return limited

    async def prepare_for_next_attempt_async(self, **kwargs: Any) -> None:
        metrics().retried("slack", "rate_limit")
        await super().prepare_for_next_attempt_async(**kwargs)


class CountedConnectionRetries(AsyncConnectionErrorRetryHandler):
    """Tries again after a dropped connection like slack_sdk's own handler, and counts it."""

    async def prepare_for_next_attempt_async(self, **kwargs: Any) -> None:
        metrics().retried("slack", "connection")
        await super().prepare_for_next_attempt_async(**kwargs)


class Clients:
    def __init__(
        self,
        *,
        api_url: str,
        bot_token: str | None = None,
        installations: EncryptedInstallationStore | None = None,
    ) -> None:
        if (bot_token is None) == (installations is None):
            raise ValueError("give either a bot token or an installation store")
        self.api_url = api_url
        self._bot_token = bot_token
        self._installations = installations
        self._session: aiohttp.ClientSession | None = None
        self._by_token: dict[str, AsyncWebClient] = {}
        self._home: set[str] = set()  # the one workspace's team/enterprise ids, once known

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The shared connection pool while the adapter runs."""
        return self._session

    def use_session(self, session: aiohttp.ClientSession | None) -> None:
        """Share one connection pool while the adapter runs (None: a session per call)."""
        self._session = session
        self._by_token.clear()

    def make(self, token: str | None) -> AsyncWebClient:
        client = AsyncWebClient(token=token, base_url=self.api_url, session=self._session)
        client.retry_handlers = [
            CountedConnectionRetries(),
            CountedRateLimitRetries(max_retry_count=RATE_LIMIT_RETRIES),
        ]
        return client

    def _client(self, token: str) -> AsyncWebClient:
        client = self._by_token.get(token)
        if client is None:
            client = self._by_token[token] = self.make(token)
        return client

    async def for_community(self, community: CommunityRef) -> AsyncWebClient:
        if self._bot_token is not None:
            client = self._client(self._bot_token)
            if not self._home:
                auth = await client.auth_test()
                self._home = {v for v in (auth.get("team_id"), auth.get("enterprise_id")) if v}
            if community.external_id not in self._home:
                raise ChatError(
                    f"this process serves Slack workspace {sorted(self._home)}, not {community.external_id}"
                )
            return client
        assert self._installations is not None
        external = community.external_id
        if external.startswith("E"):
            bot = await self._installations.async_find_bot(
                enterprise_id=external, team_id=None, is_enterprise_install=True
            )
        else:
            bot = await self._installations.async_find_bot_for_team(external)
        if bot is None or not bot.bot_token:
            raise ChatError(f"plcbot is not installed in Slack workspace {external}")
        return self._client(bot.bot_token)
