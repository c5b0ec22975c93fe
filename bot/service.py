"""The core's front door. Adapters hand it what a person did (a command, a click, a form, a
message); it checks the role, runs the use case in one unit of work, commits, then delivers
the posts through the Chat port and remembers where they landed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping

from bot.commands import ParseError, UnknownCommand, parse
from bot.commands import intents as i
from bot.commands.grammar import GROUPS
from bot.delivery import send
from bot.domain import Community, CommunityRef, Member, MessageRef, Role
from bot.library import Libraries
from bot.messages import Action, Code, Message, MessageBuilder, Plain, text
from bot.outcome import Outcome
from bot.ports import Chat, Clock, Conflict, StorageUnavailable, UnitOfWork, UnitOfWorkFactory
from bot.text import whole_number
from bot.throttle import Throttle
from bot.usecases import HANDLERS, privacy, reflections, sessions
from bot.usecases.context import NOT_A_TEAM, Actor, Ctx, Refusal, Settings
from bot.usecases.help import usage_message
from bot.usecases.home import home_page
from bot.withdrawals import settle

log = logging.getLogger("plcbot")

NOT_SAVED = (
    "I couldn't reach the database just now, so nothing was saved. "
    "Please try again in a minute; your words are not lost if you still have them."
)

SLOW_DOWN = "You're sending requests faster than I can keep up with. Please wait about {seconds} seconds and try again; nothing was lost."
SYSTEM = "system"
RACED = "That clashed with another change made at the same moment, so nothing was saved. Please try again."

Step = Callable[[Ctx], Awaitable[Outcome]]


def forbidden(needed: Role, what: str) -> str:
    if needed is Role.ADMIN:
        return f"Only an admin can use `{what}`. Ask one of this community's admins."
    return (
        f"Only a facilitator of this team (or an admin) can use `{what}`. "
        "An admin can grant the role with `/plc role grant @you facilitator`."
    )


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
        self._throttle = Throttle(
            clock, per_minute=self._settings.per_minute, burst=self._settings.burst
        )

    # ---- what people do ------------------------------------------------------------------

    async def command(self, actor: Actor, line: str, *, event_key: str | None = None) -> Outcome:
        """`/plc ...` text, with or without the `/plc` prefix."""
        try:
            spec, intent = parse(line)
        except UnknownCommand as e:
            return Outcome(reply=unknown_command(e), ok=False)
        except ParseError as e:
            return Outcome(reply=usage_message(e.spec, e.problem), ok=False)
        handler = HANDLERS[type(intent)]

        async def step(ctx: Ctx) -> Outcome:
            return await handler(intent, ctx)

        return await self.run(
            actor,
            step,
            role=spec.role,
            needs_team=spec.needs_team,
            bootstrap=spec.bootstrap,
            what=spec.usage_line,
            event_key=event_key,
        )

    async def click(self, actor: Actor, action_id: str) -> Outcome:
        action = Action.parse(action_id)
        step = _click_step(action) if action else None
        if step is None:
            return Outcome(
                reply=text("That button is out of date. Please use the latest message."), ok=False
            )
        return await self.run(actor, step)

    async def submit(self, actor: Actor, action_id: str, values: Mapping[str, str]) -> Outcome:
        action = Action.parse(action_id)
        delivery_id = None
        if action is not None and action.name == "reflect" and len(action.args) == 1:
            delivery_id = whole_number(action.args[0])
        if delivery_id is None:
            return Outcome(reply=text("That form is out of date. Please open it again."), ok=False)

        async def step(ctx: Ctx) -> Outcome:
            return await reflections.submit(ctx, delivery_id, values)

        return await self.run(actor, step)

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
                return await reflections.reply_in_dm(ctx, body)

            return await self.run(actor, dm_step, event_key=event_key)
        if thread is None:
            return Outcome()

        async def thread_step(ctx: Ctx) -> Outcome:
            posted = await ctx.uow.posted.by_ref(ctx.community.id, thread)
            if posted is None or posted.kind != "prompt":
                return Outcome()  # someone else's thread: not ours to read
            return await reflections.reply_in_thread(ctx, posted.subject_id, body)

        return await self.run(actor, thread_step, event_key=event_key)

    async def dm_community(self, platform: str, user_id: str) -> CommunityRef | None:
        """Which community a DM to the bot answers (the one whose prompt reached them last)."""
        try:
            async with self._uow() as uow:
                community_id = await uow.posted.dm_community(
                    platform, user_id, reflections.PROMPT_DM
                )
        except StorageUnavailable:
            return None
        if community_id is None:
            return None
        _, _, external = community_id.partition(":")
        return CommunityRef(platform, external)

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
        await self.run(Actor(community, SYSTEM), step)

    async def home(self, actor: Actor) -> Message:
        """A person's own page (Slack's App Home): their teams, open prompts, last reflections."""
        holder: list[Message] = []

        async def step(ctx: Ctx) -> Outcome:
            holder.append(await home_page(ctx))
            return Outcome()

        outcome = await self.run(actor, step)
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
    ) -> Outcome:
        if actor.user_id != SYSTEM and not self._throttle.allow(actor.community.id, actor.user_id):
            wait = self._throttle.retry_after(actor.community.id, actor.user_id)
            log.info("throttled a person in %s", actor.community.id)
            return Outcome(reply=text(SLOW_DOWN.format(seconds=wait)), ok=False)
        try:
            async with self._uow() as uow:
                if event_key and not await uow.events.claim(
                    actor.community.id, event_key, self._clock.now()
                ):
                    log.info("duplicate delivery of an event in %s ignored", actor.community.id)
                    return Outcome()
                ctx = await self._context(uow, actor)
                if needs_team and ctx.team is None:
                    raise Refusal(NOT_A_TEAM)
                if ctx.role < role and not (
                    bootstrap and not await uow.members.admins(ctx.community.id)
                ):
                    raise Refusal(forbidden(role, what))
                outcome = await step(ctx)
                await uow.commit()
        except Refusal as refusal:
            return Outcome(reply=refusal.message(), ok=False)
        except StorageUnavailable:
            log.warning("storage unavailable; request from %s not saved", actor.community.id)
            return Outcome(reply=text(NOT_SAVED), ok=False)
        except Conflict:
            # Two requests raced (a double click, two facilitators at once); the loser's whole
            # unit of work was rolled back.
            return Outcome(reply=text(RACED), ok=False)
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
        return outcome

    async def _context(self, uow: UnitOfWork, actor: Actor) -> Ctx:
        now = self._clock.now()
        cid = actor.community.id
        channel = actor.channel_id if actor.channel_id and not actor.is_dm else None
        known = await uow.communities.standing(cid, actor.user_id, channel)
        community, member, team = known.community, known.member, known.team
        if community is None:
            community = Community(cid, actor.community.platform, actor.community.external_id, now)
            await uow.communities.add(community)
        elif community.removed_at is not None:  # someone uses the bot again: it was reinstalled
            await uow.rights.mark_removed(cid, None)
        if member is None:
            member = Member(cid, actor.user_id, joined_at=now)
            await uow.members.save(member)
        role = Role.TEACHER
        in_team = None
        if member.is_admin:
            role = Role.ADMIN
        elif team is not None:
            held = known.team_role
            role = held.role if held else Role.TEACHER
            in_team = held is not None
        return Ctx(
            uow, actor, community, member, team, role, self._libraries, self._settings, now, in_team
        )

    # ---- delivery, after commit ----------------------------------------------------------

    async def deliver(self, actor: Actor, outcome: Outcome) -> None:
        """Post and update what the use case asked for, then remember where posts landed."""
        sent = await send(self._chat, self._clock, actor.community, outcome.posts, outcome.updates)
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


def _click_step(action: Action) -> Step | None:
    args = action.args
    number = whole_number(args[0]) if args else None  # the session or delivery id
    if (
        action.name == "checkin"
        and len(args) == 2
        and number is not None
        and args[1] in {"1", "2", "3", "4", "5"}
    ):
        session_id, score = number, int(args[1])

        async def checkin(ctx: Ctx) -> Outcome:
            return await sessions.check_in(i.CheckInCmd(score), ctx, session_id=session_id or None)

        return checkin
    if action.name == "reflect" and len(args) == 1 and number is not None:
        delivery_id = number

        async def reflect(ctx: Ctx) -> Outcome:
            return await reflections.click(ctx, delivery_id)

        return reflect
    if action == privacy.FORGET:

        async def forget(ctx: Ctx) -> Outcome:
            return await privacy.forget_confirmed(ctx)

        return forget
    if action.name == "pulse" and len(args) == 3 and number is not None:
        session_id, question, value = number, args[1], args[2]

        async def pulse(ctx: Ctx) -> Outcome:
            return await sessions.pulse(ctx, session_id, question, value)

        return pulse
    return None


def unknown_command(e: UnknownCommand) -> Message:
    b = MessageBuilder()
    if e.group:
        b.para(Code(f"/plc {e.group}"), " has no “", Plain(e.words.split(" ", 1)[-1]), "”.")
    else:
        b.para("I don't know the command “", Plain(e.words), "”.")
    if e.suggestion:
        b.para("Did you mean ", Code(f"/plc {e.suggestion}"), "?")
    specs = GROUPS.get(e.group or "", ())
    if specs:
        b.bullets([(Code(s.usage_line), " — ", s.summary) for s in specs])
        b.para("Example: ", Code(specs[0].example_line))
    else:
        b.para(
            "See every command with ",
            Code("/plc help"),
            ". Example: ",
            Code("/plc checkin 4 curious"),
        )
    return b.build()
