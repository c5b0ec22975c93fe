""" "Time's up" for a protocol step, sent by the scheduler's tick: once per step (again after
Add 2 min), in the step card's thread, as soon as the tick after its time runs out.

Exactly once across any number of workers: the nudge is claimed by a conditional update of the
step (nudged_at still empty) in the unit of work that decides to send it; only the worker whose
update wins posts it, after that commit. A step whose time ran out more than GRACE ago (the
team left the run open and went home) gets none: a late nudge is noise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import CommunityRef, PostedKind
from bot.i18n import _, fill, speaking
from bot.messages import Bold, MessageBuilder
from bot.outcome import Post, ToChannel
from bot.ports import UnitOfWork
from bot.protocols import EXTEND_MINUTES, ProtocolRun, RunStep

GRACE = timedelta(minutes=15)
BATCH = 200


@dataclass(frozen=True)
class Nudge:
    community: CommunityRef
    post: Post


def nudge_message(run: ProtocolRun, step: RunStep) -> MessageBuilder:
    """Said in the language being spoken: the team's (`claim`)."""
    said = _(
        "{times_up} for step {number}, {step} ({minutes} min). Move on with Next step when the "
        "team is ready, or Add {extend} min."
    )
    return MessageBuilder().para(
        *fill(
            said,
            times_up=Bold(_("Time's up")),
            number=str(step.position),
            step=step.name,
            minutes=str(step.minutes),
            extend=str(EXTEND_MINUTES),
        )
    )


async def claim(uow: UnitOfWork, now: datetime, platforms: Sequence[str] | None) -> list[Nudge]:
    claimed: list[Nudge] = []
    due = await uow.protocol_runs.due_nudges(now, now - GRACE, BATCH, platforms)
    for step, run, team in due:  # of the platforms this process can post to
        if not await uow.protocol_runs.claim_nudge(step, now):
            continue  # another worker has it
        cards = await uow.posted.find(step.community_id, PostedKind.PROTOCOL_STEP, step.id)
        thread = cards[0].ref if cards else None
        with speaking(team.language):
            message = nudge_message(run, step).build()
        post = Post(ToChannel(team.channel_id), message, thread=thread)
        platform, _colon, external = step.community_id.partition(":")
        claimed.append(Nudge(CommunityRef(platform, external), post))
    return claimed
