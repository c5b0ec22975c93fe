"""`/plc schedule test <id>`: post a schedule's nudge now, marked as a test, so a facilitator
sees what the team will see. The schedule itself is untouched (its next time, its run count and
its stage-nudge rotation stay as they were)."""

from __future__ import annotations

from dataclasses import replace

from bot.domain import Team
from bot.i18n import _
from bot.messages import Context, Message, MessageBuilder, inlines
from bot.outcome import Outcome, Post, ToUser
from bot.scheduling import posts as scheduled  # a module: posts.py imports the use cases
from bot.scheduling.model import Schedule, ScheduleKind
from bot.usecases.context import Ctx, Refusal
from bot.usecases.schedule_words import team_zone


def _marked(message: Message, schedule: Schedule) -> Message:
    note = Context(
        inlines(
            _("Test of schedule #{id} ({kind}), posted now on request.").format(
                id=schedule.id, kind=schedule.kind.value
            )
        )
    )
    return Message((note, *message.blocks))


async def try_out(schedule: Schedule, team: Team, ctx: Ctx) -> Outcome:
    if schedule.kind is ScheduleKind.NONRESPONDER_REMINDER:
        return await _reminder_preview(schedule, team, ctx)
    with ctx.to_team():
        posts = await scheduled.posts_for(
            ctx.uow, ctx.library, schedule, team, ctx.now, posted=True
        )
        marked = [replace(p, message=_marked(p.message, schedule)) for p in posts]
    b = MessageBuilder().para(
        _(
            "Posted a test of schedule #{id} ({kind}) in this channel. "
            "Its next scheduled time is unchanged."
        ).format(id=schedule.id, kind=schedule.kind.value)
    )
    return Outcome(reply=team_zone(b, team).build(), posts=marked)


async def _reminder_preview(schedule: Schedule, team: Team, ctx: Ctx) -> Outcome:
    """A reminder goes privately to teachers who have not answered: the test goes to you alone,
    so nobody is reminded twice."""
    latest = await ctx.uow.deliveries.latest(team.community_id, team.id)
    prompt = ctx.library.prompt(latest.prompt_id) if latest else None
    if latest is None or prompt is None:
        raise Refusal(
            _(
                "A reminder is about the team's latest prompt, and none has been sent yet. "
                "Send one with `/plc prompt send`, then test again."
            )
        )
    message = _marked(scheduled.reminder_message(team, prompt.text, latest.id), schedule)
    b = MessageBuilder().para(
        _(
            "Sent you the reminder of schedule #{id} as a direct message, marked as a "
            "test; teachers who have not answered get it privately when it runs."
        ).format(id=schedule.id)
    )
    return Outcome(reply=team_zone(b, team).build(), posts=[Post(ToUser(ctx.user_id), message)])
