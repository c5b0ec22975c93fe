"""What each kind of schedule posts. Runs inside the claiming unit of work, so the prompt
deliveries and reminder claims it records commit together with the run's claim. A prompt's
delivery is recorded unposted; the runner marks it posted once its message has landed.

A channel post is said in the team's language; a reminder DM in its recipient's (their own
choice, else the team's)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import cards
from bot.domain import PostedKind, PromptDelivery, Role, Team
from bot.i18n import _, fill, speaking
from bot.library import PromptLibrary
from bot.messages import Bold, Italic, Message, MessageBuilder
from bot.outcome import Post, Record, ToChannel, ToUser
from bot.ports import UnitOfWork
from bot.prompt_lookup import find_prompt
from bot.scheduling.model import DEFAULT_REMINDER_HOURS, Schedule, ScheduleKind
from bot.usecases.prompts import rotate_prompt
from bot.whose_language import recipient


async def posts_for(
    uow: UnitOfWork,
    library: PromptLibrary,
    schedule: Schedule,
    team: Team,
    now: datetime,
    *,
    posted: bool = False,
) -> list[Post]:
    """`posted`: record a prompt's delivery as posted already (a request's posts go out right
    after its commit); the scheduler marks its deliveries posted itself, once they land."""
    if schedule.kind is ScheduleKind.NONRESPONDER_REMINDER:
        return await _nonresponder_reminders(uow, library, schedule, team, now)
    with speaking(team.language):
        return await _channel_post(uow, library, schedule, team, now, posted=posted)


async def _channel_post(
    uow: UnitOfWork,
    library: PromptLibrary,
    schedule: Schedule,
    team: Team,
    now: datetime,
    *,
    posted: bool,
) -> list[Post]:
    channel = ToChannel(team.channel_id)
    if schedule.kind is ScheduleKind.STAGE_NUDGE:
        info = library.stage(team.stage)
        nudge = info.nudges[schedule.runs % len(info.nudges)]
        heading = _("{stage} · cycle {cycle}").format(stage=info.name, cycle=team.cycle)
        b = MessageBuilder().para(Bold(heading))
        b.para(nudge.format(team=team.name, stage=info.name, cycle=team.cycle))
        return [Post(channel, b.build())]
    if schedule.kind is ScheduleKind.REFLECTION_PROMPT:
        prompt = await rotate_prompt(uow, library, team)
        delivery = await uow.deliveries.add(
            PromptDelivery(0, team.community_id, team.id, prompt.id, team.stage, now, posted=posted)
        )
        return [
            Post(
                channel,
                cards.prompt_message(prompt, delivery),
                Record(PostedKind.PROMPT, delivery.id),
            )
        ]
    if schedule.kind is ScheduleKind.NORMS_REMINDER:
        b = MessageBuilder().heading(_("Our working norms"))
        b.bullets(team.effective_norms(library.default_norms), numbered=True)
        return [Post(channel, b.build())]
    b = MessageBuilder().heading(_("Check-in: {team}").format(team=team.name))
    b.para(Bold(library.checkin.question), " ", Italic(library.checkin.word_hint))
    b.buttons(*cards.checkin_buttons(library, None))
    b.context(_("Check in any time: no session needs to be open."))
    return [Post(channel, b.build())]


async def _nonresponder_reminders(
    uow: UnitOfWork, library: PromptLibrary, schedule: Schedule, team: Team, now: datetime
) -> list[Post]:
    cid = team.community_id
    latest = await uow.deliveries.latest(cid, team.id)
    hours = schedule.after_hours or DEFAULT_REMINDER_HOURS
    if latest is None or now - latest.sent_at < timedelta(hours=hours):
        return []
    prompt = await find_prompt(uow, library, cid, latest.prompt_id)
    if prompt is None:
        return []
    posts = []
    for role in await uow.team_roles.members(cid, team.id):
        if role.role is not Role.TEACHER:
            continue
        member = await uow.members.get(cid, role.user_id)
        if member is not None and not member.reminders:
            continue
        if await uow.reflections.find(cid, latest.id, role.user_id) is not None:
            continue
        if not await uow.reminders.claim(cid, latest.id, role.user_id, now):
            continue
        with speaking(recipient(member.language if member else None, team.language)):
            message = reminder_message(team, prompt.text, latest.id)
        posts.append(Post(ToUser(role.user_id), message, Record(PostedKind.PROMPT_DM, latest.id)))
    return posts


def reminder_message(team: Team, prompt_text: str, delivery_id: int) -> Message:
    """Said in the language being spoken: the recipient's."""
    b = MessageBuilder().para(
        *fill(_("A gentle reminder from {team}: this prompt is waiting for you."), team=team.name)
    )
    b.quote(prompt_text)
    b.para(_("Reply to this message to answer; only the facilitators will read it."))
    b.buttons(cards.reflect_button(delivery_id))
    b.context(_("Turn these reminders off with /plc me reminders off."))
    return b.build()
