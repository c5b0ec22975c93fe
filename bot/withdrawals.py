"""Withdrawing a forgotten person's shared reflections from their team's channel, until the
platform accepts the edit.

Forget writes a pending withdrawal for each post in the same unit of work as the deletion, so
the record needed to retry can never be lost. After the commit the edits are tried at once and
the receipt says what happened; a refused edit stays pending and the scheduler's tick tries it
again, waiting twice as long each time (1 minute, 2, 4 ... at most 6 hours)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain import CommunityRef, PendingWithdrawal
from bot.i18n import _, speaking
from bot.messages import Italic, Message, MessageBuilder
from bot.outcome import Withdrawals
from bot.ports import Chat, ChatError, Clock, StorageUnavailable, UnitOfWorkFactory

log = logging.getLogger("plcbot.withdrawals")

FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
BATCH = 100


def withdrawn_notice() -> Message:
    """What the post says once withdrawn: nothing of the reflection, nor who wrote it."""
    return MessageBuilder().para(Italic(_("This reflection was removed by its author."))).build()


def next_try(attempts: int, now: datetime) -> datetime:
    """After the n-th refusal: 1 minute, 2, 4 ... never more than LONGEST_WAIT."""
    wait = FIRST_WAIT * (1 << min(max(attempts - 1, 0), 16))
    return now + min(wait, LONGEST_WAIT)


def _community(community_id: str) -> CommunityRef:
    platform, _colon, external = community_id.partition(":")
    return CommunityRef(platform, external)


async def attempt(
    chat: Chat, uow: UnitOfWorkFactory, clock: Clock, pending: Sequence[PendingWithdrawal]
) -> int:
    """Edit each post; one that landed is forgotten, one refused waits longer. Returns how many
    are still pending. Storage out: all stay pending (an edit that lands twice changes nothing).
    Nothing raised here may undo a receipt: the deletion is already committed."""
    landed: list[PendingWithdrawal] = []
    refused: list[PendingWithdrawal] = []
    spoken = await _languages(uow, pending)
    for w in pending:
        try:
            with speaking(spoken.get((w.community_id, w.ref.channel_id))):
                notice = withdrawn_notice()
            await chat.update(_community(w.community_id), w.ref, notice)
            landed.append(w)
        except Exception as e:  # a refusal (ChatError), or an adapter's bug: retried alike
            tries = w.attempts + 1
            refused.append(replace(w, attempts=tries, next_try_at=next_try(tries, clock.now())))
            reason = e if isinstance(e, ChatError) else type(e).__name__
            log.warning(
                "withdrawal %d in %s failed (try %d): %s", w.id, w.community_id, tries, reason
            )
    if not pending:
        return 0
    try:
        async with uow() as work:
            for w in landed:
                await work.withdrawals.done(w.community_id, w.id)
            for w in refused:
                await work.withdrawals.retry_later(w)
            await work.commit()
    except StorageUnavailable:
        log.warning("could not record how %d withdrawals went; they stay pending", len(pending))
        return len(pending)
    return len(refused)


async def _languages(
    uow: UnitOfWorkFactory, pending: Sequence[PendingWithdrawal]
) -> dict[tuple[str, str], str]:
    """The language of each channel the edits go to (the team's; English when unknown)."""
    places = {(w.community_id, w.ref.channel_id) for w in pending}
    found: dict[tuple[str, str], str] = {}
    if not places:
        return found
    try:
        async with uow() as work:
            for community_id, channel_id in places:
                team = await work.teams.by_channel(community_id, channel_id)
                if team is not None:
                    found[(community_id, channel_id)] = team.language
    except StorageUnavailable:
        log.warning("could not read the channels' languages; the notice is said in English")
    return found


async def settle(
    withdrawals: Withdrawals, *, chat: Chat, uow: UnitOfWorkFactory, clock: Clock
) -> Message:
    """Right after forget's commit: try the edits, then word the receipt from what happened."""
    left = await attempt(chat, uow, clock, withdrawals.pending)
    return withdrawals.receipt(len(withdrawals.pending) - left, left)


async def retry_due(chat: Chat, uow: UnitOfWorkFactory, clock: Clock) -> int:
    """The scheduler's part: try the withdrawals that are due; how many landed."""
    async with uow() as work:
        due = list(await work.withdrawals.due(clock.now(), BATCH))
    return len(due) - await attempt(chat, uow, clock, due)
