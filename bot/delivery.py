"""Sending what a use case asked for, after its commit. Used by the service and the scheduler."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.card_lanes import CardLanes, send_update
from bot.domain import CommunityRef, PostedMessage
from bot.outcome import Post, ToChannel, Update
from bot.ports import Chat, ChatError, Clock

log = logging.getLogger("plcbot.delivery")


@dataclass
class Sent:
    posted: int = 0
    failed: int = 0
    remember: list[PostedMessage] = field(default_factory=list)


async def send(
    chat: Chat,
    clock: Clock,
    community: CommunityRef,
    posts: Sequence[Post],
    updates: Sequence[Update] = (),
    lanes: CardLanes | None = None,
) -> Sent:
    """Post and update. A failure is logged (never the text) and counted, never retried here:
    the Chat port already waited out rate limits, and a missed post beats a double one.
    `lanes`: a session card's updates go through them, one at a time, the latest last."""
    result = Sent()
    for post in posts:
        try:
            if isinstance(post.target, ToChannel):
                ref = await chat.post(
                    community, post.target.channel_id, post.message, thread=post.thread
                )
                user = None
            elif post.files:
                ref = await chat.dm_files(community, post.target.user_id, post.message, post.files)
                user = post.target.user_id
            else:
                ref = await chat.dm(community, post.target.user_id, post.message)
                user = post.target.user_id
        except ChatError as e:
            result.failed += 1
            log.warning("could not post to %s in %s: %s", post.target, community.id, e)
            continue
        result.posted += 1
        if post.record:
            result.remember.append(
                PostedMessage(
                    community.id, post.record.kind, post.record.subject_id, ref, user, clock.now()
                )
            )
    for update in updates:
        if lanes is not None:
            await lanes.update(chat, community, update)
        else:
            await send_update(chat, community, update)
    return result
