"""A session card's updates, one at a time, the latest last.

A check-in renders the session card inside its own transaction, with the count of check-ins
that transaction sees. Two teachers checking in at the same moment could each count without
the other (PostgreSQL's transactions see what was committed when they read), and their two
updates could reach the platform in either order: the card then showed a check-in fewer, in
front of the whole team, until the next one.

The count is taken after the session is held (`Sessions.hold`, card_update in
bot/usecases/sessions.py), so check-ins of one session count one after another and a later
commit's card counts every earlier one. And here a card has one update on its way at a time:
an update asked for meanwhile waits, only the latest of those is sent when the one on its way
is done, and it is the latest commit's (a process asks in the order its commits ended). A
burst of check-ins costs a few updates of the card, not one each (the platforms limit edits
per channel).

One process's lanes: with several `plcbot run` processes on one workspace
(`[slack] http_processes`), two processes' updates of a card can still cross, and the card
may be one behind until its next update."""

from __future__ import annotations

import logging

from bot.domain import CommunityRef, MessageRef
from bot.outcome import Update
from bot.ports import Chat, ChatError

log = logging.getLogger("plcbot.delivery")

Key = tuple[str, str, MessageRef]  # a card as posted: its platform, community, message


class CardLanes:
    def __init__(self) -> None:
        # a card with an update on its way, and the latest update asked for meanwhile (None:
        # none asked for)
        self._waiting: dict[Key, Update | None] = {}

    async def update(self, chat: Chat, community: CommunityRef, update: Update) -> None:
        if not update.one_at_a_time:
            await send_update(chat, community, update)
            return
        key = (community.platform, community.id, update.ref)
        if key in self._waiting:
            self._waiting[key] = update  # sent when the one on its way is done, if still latest
            return
        self._waiting[key] = None
        try:
            latest: Update | None = update
            while latest is not None:
                await send_update(chat, community, latest)
                latest, self._waiting[key] = self._waiting[key], None
        finally:
            del self._waiting[key]


async def send_update(chat: Chat, community: CommunityRef, update: Update) -> None:
    """One update; a failure is logged (never the text), not retried."""
    try:
        await chat.update(community, update.ref, update.message)
    except ChatError as e:
        log.warning("could not update a message in %s: %s", community.id, e)
