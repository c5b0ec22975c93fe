"""The core's front door. Adapters hand it what a person did, as a typed intent (`handle`),
or as `/plc` text, a button's id or a form (read into intents here); it checks the intent's
policy, runs the use case in one unit of work, commits, then delivers the posts through the
Chat port and remembers where they landed."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from bot import actions, door
from bot.attempt import NOT_SAVED, RACED, SLOW_DOWN, Core, Rules, attempt
from bot.card_lanes import CardLanes
from bot.commands import ParseError, UnknownCommand, grammar
from bot.commands.intents import Intent
from bot.commands.policy import policy_of
from bot.commands.values import Invalid, check
from bot.delivery import send
from bot.domain import CommunityRef, MessageRef, PostedKind, Role
from bot.i18n import _
from bot.library import Libraries
from bot.messages import Message, text
from bot.observe import metrics, request_scope
from bot.outcome import Outcome
from bot.panel import Panel
from bot.ports import Chat, Clock, StorageUnavailable, UnitOfWorkFactory
from bot.text import clean
from bot.throttle import Throttle
from bot.usecases import HANDLERS, protocol_steps, reflections
from bot.usecases.context import Actor, Ctx, Settings
from bot.usecases.dm_targets import dm_place
from bot.usecases.help import usage_message
from bot.usecases.home import home_page
from bot.whose_language import in_the_actors_language
from bot.withdrawals import settle

log = logging.getLogger("plcbot")

__all__ = ["NOT_SAVED", "RACED", "SLOW_DOWN", "PlcBot"]

SYSTEM = "system"

Step = Callable[[Ctx], Awaitable[Outcome]]


@in_the_actors_language
class PlcBot:
    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        chat: Chat,
        libraries: Libraries,
        clock: Clock,
        settings: Settings | None = None,
        deliver_in_background: bool = False,
    ) -> None:
        """`deliver_in_background`: return the person's answer at once and post to channels
        afterwards (a platform's pacing or a 429 wait never holds up the reply). Call `drain()`
        before shutting down."""
        self._uow = uow
        self._background = deliver_in_background
        self._pending: set[asyncio.Task[None]] = set()
        self._chat = chat
        self._libraries = libraries
        self._clock = clock
        self._settings = settings or Settings()
        s = self._settings
        self._core = Core(uow, clock, libraries, s)
        self._lanes = CardLanes()
        self.panel = Panel(self, uow)  # the web panel's read models
        self._throttle = Throttle(clock, per_minute=s.per_minute, burst=s.burst, on=s.throttled)

    # ---- what people do ------------------------------------------------------------------

    async def handle(
        self, actor: Actor, intent: Intent, *, event_key: str | None = None, via: str = "command"
    ) -> Outcome:
        """The door: a typed intent, checked against its type's rules and policy, then run.
        `via`: how it came (command, click, submit), for the metrics."""
        label = (via, type(intent).__name__)
        try:
            check(intent)
        except Invalid as e:
            metrics().request(actor.community.platform, *label, "invalid", 0.0)
            return door.invalid(e, intent)
        policy = policy_of(type(intent))
        step = functools.partial(HANDLERS[type(intent)], intent)  # the use case, given its ctx
        return await self.run(
            actor,
            step,
            role=policy.role,
            needs_team=policy.needs_team,
            bootstrap=policy.bootstrap,
            what=door.what(intent),
            event_key=event_key,
            label=label,
        )

    async def typed(
        self, actor: Actor, build: Callable[[], Intent], *, event_key: str | None = None
    ) -> Outcome:
        """An intent an adapter builds from typed values (with bot.commands.values): a value
        that breaks a rule is answered in the grammar's words, never re-read as text."""
        try:
            intent = build()
        except Invalid as e:
            return door.invalid(e)
        return await self.handle(actor, intent, event_key=event_key)

    async def command(self, actor: Actor, line: str, *, event_key: str | None = None) -> Outcome:
        """`/plc ...` text, with or without the `/plc` prefix: the grammar reads it into an
        intent, which goes through the door like any other."""
        try:
            _spec, intent = grammar.parse(line)
        except (UnknownCommand, ParseError) as e:
            metrics().request(actor.community.platform, "command", "unread", "invalid", 0.0)
            if isinstance(e, UnknownCommand):
                return Outcome(reply=door.unknown_command(e), ok=False)
            return Outcome(reply=usage_message(e.spec, e.problem), ok=False)
        return await self.handle(actor, intent, event_key=event_key)

    async def click(self, actor: Actor, action_id: str, *, event_key: str | None = None) -> Outcome:
        intent = actions.click(action_id)
        if intent is None:
            return door.refused(door.BUTTON_OUT_OF_DATE)
        return await self.handle(actor, intent, event_key=event_key, via="click")

    async def submit(
        self,
        actor: Actor,
        action_id: str,
        values: Mapping[str, str],
        *,
        event_key: str | None = None,
    ) -> Outcome:
        intent = actions.submission(action_id, values)
        if intent is None:
            return door.refused(door.FORM_OUT_OF_DATE)
        return await self.handle(actor, intent, event_key=event_key, via="submit")

    async def message(
        self,
        actor: Actor,
        body: str,
        *,
        thread: MessageRef | None = None,
        event_key: str | None = None,
    ) -> Outcome:
        """A DM to the bot, or a reply in the thread of one of its prompts. `event_key` makes a
        platform's retried delivery of the same event a no-op."""
        if actor.is_dm:

            async def dm_step(ctx: Ctx) -> Outcome:
                return await reflections.reply_in_dm(ctx, body, about=thread)

            return await self.run(actor, dm_step, event_key=event_key)
        if thread is None:
            return Outcome()
        return await self._in_thread(actor, body, thread, event_key, steps_only=False)

    async def step_reply(
        self, actor: Actor, body: str, *, thread: MessageRef, event_key: str | None = None
    ) -> Outcome:
        """A reply to (or in a thread of) one of the bot's channel messages on a platform that
        hands over only replies that mention the bot (Discord without the Message Content
        intent): a note when it answers a protocol step's card, else nothing. Reflections keep
        their own paths there (modals and DMs)."""
        return await self._in_thread(actor, body, thread, event_key, steps_only=True)

    async def _in_thread(
        self,
        actor: Actor,
        body: str,
        thread: MessageRef,
        event_key: str | None,
        *,
        steps_only: bool,
    ) -> Outcome:
        async def thread_step(ctx: Ctx) -> Outcome:
            posted = await ctx.uow.posted.by_ref(ctx.community.id, thread)
            if posted is not None and posted.kind is PostedKind.PROTOCOL_STEP:
                return await protocol_steps.note_in_thread(ctx, posted.subject_id, clean(body))
            if steps_only or posted is None or posted.kind is not PostedKind.PROMPT:
                return Outcome()  # someone else's thread: not ours to read
            return await reflections.reply_in_thread(ctx, posted.subject_id, body)

        return await self.run(actor, thread_step, event_key=event_key)

    async def dm_place(
        self,
        platform: str,
        user_id: str,
        *,
        about: MessageRef | None = None,
        action_id: str | None = None,
    ) -> CommunityRef | Message:
        """The community a DM (or a command, click or form in one) acts in, where the platform's
        DMs carry none; or what to tell the person instead of guessing (see `dm_place`)."""
        try:
            async with self._uow() as uow:
                return await dm_place(uow, platform, user_id, about=about, action_id=action_id)
        except StorageUnavailable:
            return text(NOT_SAVED)

    async def drain(self) -> None:
        """Wait for posts still being delivered in the background."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    async def community_removed(self, community: CommunityRef) -> None:
        """The bot was uninstalled or removed from the guild. Tokens are the adapter's to delete
        at once; the data stays for the grace period (a mistaken removal can be undone), then
        the retention job purges it."""

        async def step(ctx: Ctx) -> Outcome:
            await ctx.uow.rights.mark_removed(ctx.community.id, ctx.now)
            return Outcome()

        async with self._uow() as uow:
            if await uow.communities.get(community.id) is None:
                return
        await self.run(Actor(community, SYSTEM), step, label=("system", "removed"))

    async def home(self, actor: Actor) -> Message:
        """A person's own page (Slack's App Home): their teams, open prompts, last reflections."""
        holder: list[Message] = []

        async def step(ctx: Ctx) -> Outcome:
            holder.append(await home_page(ctx))
            return Outcome()

        outcome = await self.run(actor, step, label=("home", "home"))
        return holder[0] if holder else (outcome.reply or text(NOT_SAVED))

    # ---- the unit of work ----------------------------------------------------------------

    async def run(
        self,
        actor: Actor,
        step: Step,
        *,
        role: Role = Role.TEACHER,
        needs_team: bool = False,
        bootstrap: bool = False,
        what: str = "",
        event_key: str | None = None,
        label: tuple[str, str] = ("message", "message"),
    ) -> Outcome:
        """`label`: how the request came and what it asked (the metrics' kind and command)."""
        started = time.perf_counter()
        platform = actor.community.platform
        with request_scope(platform, actor.community.id):
            if actor.user_id != SYSTEM and not self._throttle.allow(
                actor.community.id, actor.user_id
            ):
                wait = self._throttle.retry_after(actor.community.id, actor.user_id)
                log.info("throttled a person in %s", actor.community.id)
                metrics().request(platform, *label, "throttled", time.perf_counter() - started)
                return Outcome(
                    reply=text(_(SLOW_DOWN).format(seconds=wait)), ok=False, retry_after=wait
                )
            rules = Rules(role, needs_team, bootstrap, what)
            outcome, ended = await attempt(self._core, actor, step, rules, event_key)
            if ended == "unavailable":
                metrics().database_error()
            if outcome.withdrawals is not None:  # the receipt says what the platform did
                outcome.reply = await settle(
                    outcome.withdrawals, chat=self._chat, uow=self._uow, clock=self._clock
                )
            if self._background and (outcome.posts or outcome.updates):
                task = asyncio.create_task(self.deliver(actor, outcome))
                self._pending.add(task)
                task.add_done_callback(self._pending.discard)
            else:
                await self.deliver(actor, outcome)
            metrics().request(platform, *label, ended, time.perf_counter() - started)
        return outcome

    # ---- delivery, after commit ----------------------------------------------------------

    async def deliver(self, actor: Actor, outcome: Outcome) -> None:
        """Post and update what the use case asked for, then remember where posts landed."""
        chat, clock, lanes = self._chat, self._clock, self._lanes
        sent = await send(chat, clock, actor.community, outcome.posts, outcome.updates, lanes)
        if sent.remember:
            try:
                async with self._uow() as uow:
                    for posted in sent.remember:
                        await uow.posted.add(posted)
                    await uow.commit()
            except StorageUnavailable:
                log.warning(
                    "posted %d messages in %s but could not remember them",
                    len(sent.remember),
                    actor.community.id,
                )
