"""Listeners for what a person does: the `/plc` command, a button, a modal's Save.

Each acks within Slack's 3 seconds whatever the core does (see tasks.py), then delivers the
core's answer: in the ack when it was quick, else through the response URL or an ephemeral.
The ack goes out only once the core has committed what the request changes, when it does so
within the budget (it takes milliseconds): Slack never resends what it saw acknowledged."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.kit import Deadline
from adapters.slack.chat import SlackChat
from adapters.slack.mrkdwn import fit
from adapters.slack.payloads import (
    clicked_action_id,
    command_actor,
    command_line,
    form_metadata,
    interaction_actor,
    replay_key,
    submission_actor,
)
from adapters.slack.render import form_values, modal_view, render
from bot.api import (
    N_,
    Actor,
    ChatError,
    Code,
    Message,
    MessageRef,
    Outcome,
    PlcBot,
    _,
    fill,
    text,
)

log = logging.getLogger(__name__)
JSON = dict[str, Any]

WORKING = N_("Working on it…")
ARRIVED = "plcbot_arrived"  # in Bolt's context: the loop time the request came in (web.py)
SLACK = "a Slack request"  # where an unexpected failure happened, for the log
STALE_TRIGGER = {"expired_trigger_id", "exchanged_trigger_id"}


@dataclass
class Interactive:
    bot: PlcBot
    chat: SlackChat
    background: Deadline

    # ---- listeners ----------------------------------------------------------------------

    async def command(
        self,
        ack: AsyncAck,
        body: JSON,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        respond: AsyncRespond | None,
        request: AsyncBoltRequest,
    ) -> None:
        actor = command_actor(body, context)
        key = replay_key(request.headers)
        trigger = body.get("trigger_id")

        async def in_time(outcome: Outcome) -> None:
            if outcome.form is not None:
                await ack()
                self.background.spawn(self.open_form(client, actor, outcome, trigger, respond))
            elif outcome.reply is not None:
                blocks, fallback = render(outcome.reply)
                await ack(response_type="ephemeral", text=fallback, blocks=blocks)
            else:
                await ack()

        async def later(outcome: Outcome) -> None:
            await self._deliver(outcome, client, actor, trigger, respond)

        await self.background.respond(
            self.bot.command(actor, command_line(body), event_key=key),
            where=SLACK,
            in_time=in_time,
            defer=lambda: ack(response_type="ephemeral", text=_(WORKING)),
            later=later,
            arrived=context.get(ARRIVED),
        )

    async def action(
        self,
        ack: AsyncAck,
        body: JSON,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        request: AsyncBoltRequest,
    ) -> None:
        actor = interaction_actor(body, context)
        key = replay_key(request.headers)
        task, outcome = await self.background.first_answer(
            self.bot.click(actor, clicked_action_id(body), event_key=key),
            SLACK,
            arrived=context.get(ARRIVED),
        )
        # Slack does not retry a click it saw acknowledged: ack once its change is committed.
        if outcome is None:
            log.info("a slow click in %s acknowledged before it was saved", actor.community.id)
        await ack()
        self.background.spawn(
            self._later(task, client, actor, body.get("trigger_id"), context.respond)
        )

    async def submission(
        self,
        ack: AsyncAck,
        body: JSON,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        request: AsyncBoltRequest,
    ) -> None:
        actor = submission_actor(body, context)
        view = body["view"]
        values = form_values(view.get("state") or {})
        key = replay_key(request.headers)
        task, outcome = await self.background.first_answer(
            self.bot.submit(actor, view.get("callback_id", ""), values, event_key=key),
            SLACK,
            arrived=context.get(ARRIVED),
        )
        if outcome is None:
            await ack(response_action="clear")
            self.background.spawn(self._later(task, client, actor, None, None))
        elif not outcome.ok and outcome.reply is not None:
            # Keep the modal open, the person's words still in it, with the reason at the field
            # it belongs to (the text box when the core did not name one).
            errors = {
                field: fit(why.plain_text(), 300) for field, why in outcome.field_errors.items()
            } or {_text_block(view): fit(outcome.reply.plain_text(), 300)}
            await ack(response_action="errors", errors=errors)
        else:
            await ack(response_action="clear")
            if outcome.reply is not None:
                self.background.spawn(self.tell(client, actor, outcome.reply))

    # ---- after the ack ------------------------------------------------------------------

    async def _later(
        self,
        task: asyncio.Task[Outcome],
        client: AsyncWebClient,
        actor: Actor,
        trigger_id: str | None,
        respond: AsyncRespond | None,
    ) -> None:
        await self._deliver(await task, client, actor, trigger_id, respond)

    async def _deliver(
        self,
        outcome: Outcome,
        client: AsyncWebClient,
        actor: Actor,
        trigger_id: str | None,
        respond: AsyncRespond | None,
    ) -> None:
        if outcome.form is not None and trigger_id:
            await self.open_form(client, actor, outcome, trigger_id, respond)
        elif outcome.reply is not None:
            await self.tell(client, actor, outcome.reply, respond=respond)

    async def open_form(
        self,
        client: AsyncWebClient,
        actor: Actor,
        outcome: Outcome,
        trigger_id: str | None,
        respond: AsyncRespond | None,
    ) -> None:
        assert outcome.form is not None
        view = modal_view(outcome.form, private_metadata=form_metadata(actor))
        try:
            await client.views_open(trigger_id=trigger_id or "", view=view)
        except SlackApiError as e:
            error = e.response.get("error")
            log.info("views.open refused (%s); telling the person to try again", error)
            fallback = outcome.reply or _too_late()
            if error in STALE_TRIGGER and outcome.reply is not None:
                # What was done (a check-in click is saved before its form opens), then why
                # no form came.
                late = text(
                    _("The form could not open in time. Press the button again to open it.")
                )
                fallback = Message(outcome.reply.blocks + late.blocks)
            await self.tell(client, actor, fallback, respond=respond)

    async def tell(
        self,
        client: AsyncWebClient,
        actor: Actor,
        message: Message,
        *,
        respond: AsyncRespond | None = None,
        thread_ts: str | None = None,
    ) -> None:
        """A reply only the actor sees: through the response URL when there is one, else an
        ephemeral in their channel, else (App Home, or a channel the bot is not in) a DM."""
        try:
            if respond is not None:
                blocks, fallback = render(message)
                await self._respond(
                    respond,
                    {
                        "text": fallback,
                        "blocks": blocks or None,
                        "response_type": "ephemeral",
                        "replace_original": False,
                    },
                )
                return
            if actor.channel_id:
                try:
                    if actor.is_dm:  # the bot's DM with them: a plain message is private already
                        where = MessageRef(actor.channel_id, thread_ts) if thread_ts else None
                        await self.chat.post_with(client, actor.channel_id, message, thread=where)
                    else:
                        await self.chat.whisper(
                            client, actor.channel_id, actor.user_id, message, thread_ts=thread_ts
                        )
                    return
                except ChatError as e:
                    log.info("reply refused in the channel (%s); sending a DM instead", e)
            channel = await self.chat.dm_channel(client, actor.community, actor.user_id)
            await self.chat.post_with(client, channel, message)
        except Exception as e:  # a reply that cannot be delivered is logged, never raised into Bolt
            log.warning("could not deliver a reply in %s: %r", actor.community.id, e)

    async def _respond(self, respond: AsyncRespond, body: JSON) -> None:
        """What Bolt's respond() sends, through the adapter's shared connection pool: respond()
        opens a new HTTP session, and so a new connection, for every reply."""
        session = self.chat.clients.session
        if session is None or session.closed or respond.response_url is None:
            await respond(**{k: v for k, v in body.items() if v is not None})
            return
        webhook = AsyncWebhookClient(
            url=respond.response_url, session=session, proxy=respond.proxy, ssl=respond.ssl
        )
        await webhook.send_dict(body)


def _text_block(view: JSON) -> str:
    """The block id of the modal's text input: where a refusal is shown."""
    for block in view.get("blocks") or []:
        if (
            block.get("type") == "input"
            and (block.get("element") or {}).get("type") == "plain_text_input"
        ):
            return str(block.get("block_id"))
    return "text"


def _too_late() -> Message:
    return text(
        *fill(
            _(
                "The form could not open in time. Press the button again, or write your "
                "reflection with {command}."
            ),
            command=Code("/plc reflect <text>"),
        )
    )
