"""Listeners for Events API deliveries: replies to prompts (DMs and threads), the App Home,
and a workspace leaving (app_uninstalled, tokens_revoked).

Slack delivers an event at least once: a retry (X-Slack-Retry-Num, or `retry_attempt` in
Socket Mode) can reach another worker. The envelope's event_id goes to the core as the
event key, and the core claims it in the database inside the unit of work, so a retried
reply is recorded and answered once. The event is acknowledged (the listener returns) only
once the core has committed it, so an acknowledged reply is never lost to a crash."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.files_in import is_credential_file, keep_files
from adapters.slack.interactive import ARRIVED, Interactive
from adapters.slack.payloads import (
    community_of,
    message_actor,
    message_is_for_us,
    message_text,
    thread_of,
)
from adapters.slack.render import home_view
from adapters.slack.tokens import EncryptedInstallationStore
from bot.api import Actor, CommunityRef, MessageRef, Outcome

log = logging.getLogger(__name__)
JSON = dict[str, Any]


@dataclass
class Events:
    interactive: Interactive
    installations: EncryptedInstallationStore | None = None

    async def message(
        self, body: JSON, event: JSON, client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        if not message_is_for_us(event):
            return
        actor = message_actor(event, context)
        thread = thread_of(event)  # in a DM: the prompt DM it replies to, if any
        if not actor.is_dm and thread is None:
            return  # ordinary channel talk is not ours to read
        key = body.get("event_id") or None
        background = self.interactive.background
        line = message_text(event)
        if actor.is_dm and is_credential_file(event, line):  # a micro-credential artifact
            files = list(event["files"])
            work = keep_files(self.interactive.bot, actor, line, files, client.token or "", key)
        else:
            work = self.interactive.bot.message(actor, line, thread=thread, event_key=key)
        task, outcome = await background.first_answer(
            work, "a Slack event", arrived=context.get(ARRIVED)
        )
        # Bolt acks when this returns: after the reply is committed (a slow core: at the budget).
        if outcome is None:
            log.info("a slow event in %s acknowledged before it was saved", actor.community.id)
        background.spawn(self._reply(client, actor, task, thread))

    async def _reply(
        self,
        client: AsyncWebClient,
        actor: Actor,
        task: asyncio.Task[Outcome],
        thread: MessageRef | None,
    ) -> None:
        outcome = await task
        if outcome.reply is not None:
            thread_ts = thread.message_id if thread else None
            await self.interactive.tell(client, actor, outcome.reply, thread_ts=thread_ts)

    async def home(self, event: JSON, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        actor = Actor(community_of(context), event["user"])
        self.interactive.background.spawn(self._publish_home(client, actor))

    async def _publish_home(self, client: AsyncWebClient, actor: Actor) -> None:
        try:
            page = await self.interactive.bot.home(actor)
            await client.views_publish(user_id=actor.user_id, view=home_view(page))
        except Exception as e:
            log.warning("could not publish the App Home in %s: %r", actor.community.id, e)

    async def uninstalled(self, context: AsyncBoltContext) -> None:
        """The workspace removed the app: its tokens are deleted at once; the core marks the
        community removed (its data is kept for a grace period, then purged)."""
        community = community_of(context)
        if self.installations is not None:
            await self.installations.async_delete_all(**_installation_of(context))
            log.info("Slack app uninstalled from %s; its tokens are deleted", community.id)
        background = self.interactive.background
        await background.within_budget(background.spawn(self._removed(community)))  # then ack

    async def _removed(self, community: CommunityRef) -> None:
        try:
            await self.interactive.bot.community_removed(community)
        except Exception:
            log.exception("could not mark %s as removed", community.id)

    async def tokens_revoked(self, event: JSON, context: AsyncBoltContext) -> None:
        if self.installations is None:
            return
        tokens = event.get("tokens") or {}
        where = _installation_of(context)
        if tokens.get("bot"):
            await self.installations.async_delete_all(**where)
        for user_id in tokens.get("oauth") or []:
            await self.installations.async_delete_installation(**where, user_id=user_id)
        log.info("Slack tokens revoked in %s; deleted", community_of(context).id)


def _installation_of(context: AsyncBoltContext) -> dict[str, str | None]:
    org_wide = bool(context.is_enterprise_install)
    return {
        "enterprise_id": context.enterprise_id,
        "team_id": None if org_wide else context.team_id,
    }
