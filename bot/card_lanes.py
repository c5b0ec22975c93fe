"""A session card's updates, one at a time and each counted after the commits before it.

A check-in renders the session card inside its own transaction, so the count it shows is what
that transaction saw: two teachers checking in at the same moment could each count without
the other (PostgreSQL's transactions see only what was committed when they read), and their
two updates could reach the platform in either order. The card then showed a check-in fewer
until the next one, in front of the whole team.

So a card has one update on its way at a time: one asked for meanwhile is not sent beside it
but makes the update on its way render and send once more, from what is committed by then,
when it is done. And an update asked for within FRESH_SECONDS of the card's previous one is
rendered again after its commit too (its transaction may have counted before the other's
commit). The last update a card gets then counts every commit that asked for one; a burst of
check-ins costs a few updates, not one each (the platforms' edit limits are per channel). A
check-in alone, the common case, sends the card its own transaction rendered, with no read.

One process's lanes: with several `plcbot run` processes on one workspace
(`[slack] http_processes`), two processes' updates of a card can still cross; each is counted
after its own commit, so the card is at most one update behind until the next."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from bot.attempt import Core
from bot.domain import CommunityRef, Member, Role
from bot.outcome import SessionCardOf, Update
from bot.ports import Chat, ChatError, StorageUnavailable
from bot.usecases.context import Actor, Ctx
from bot.usecases.sessions import card_afresh

log = logging.getLogger("plcbot.delivery")

RENDERER = "system"  # the actor a card is rendered again for: no person, nothing recorded
# Far longer than a check-in's transaction takes from its count to its commit: two updates of
# a card further apart than this were counted one after the other's commit.
FRESH_SECONDS = 10.0

Render = Callable[[CommunityRef, SessionCardOf], Awaitable[list[Update] | None]]
Key = tuple[str, str, SessionCardOf]


class CardLanes:
    def __init__(self, render: Render, clock: Callable[[], float] = time.monotonic) -> None:
        self._render = render
        self._clock = clock
        self._busy: set[Key] = set()  # a card with an update on its way
        # ... and the latest update a commit asked for meanwhile
        self._again: dict[Key, Update] = {}
        self._asked: dict[Key, float] = {}  # when each card's last update was asked for

    async def update(self, chat: Chat, community: CommunityRef, update: Update) -> None:
        card = update.afresh
        if card is None:
            await send_update(chat, community, update)
            return
        key = (community.platform, community.id, card)
        now = self._clock()
        recent = now - self._asked.get(key, -FRESH_SECONDS) < FRESH_SECONDS
        self._remember(key, now)
        if key in self._busy:
            self._again[key] = update  # the update on its way renders once more when done
            return
        self._busy.add(key)
        try:
            fresh = await self._render(community, card) if recent else None
            while True:
                for each in [update] if fresh is None else fresh:
                    await send_update(chat, community, each)
                later = self._again.pop(key, None)
                if later is None:
                    return
                # rendered from what is committed now; unreadable: the latest commit's own
                update, fresh = later, await self._render(community, card)
        finally:
            self._busy.discard(key)
            self._again.pop(key, None)

    def _remember(self, key: Key, now: float) -> None:
        asked = self._asked
        asked[key] = now
        if len(asked) > 1_000:  # forget cards not updated lately
            for old in [k for k, at in asked.items() if now - at >= FRESH_SECONDS]:
                del asked[old]


def renderer(core: Core) -> Render:
    """Render a session card from what is committed now, reading only: the team's channel's
    language and library, as `card_update` renders it in a use case. None when the database
    cannot be read (the update rendered in the transaction is sent instead)."""

    async def render(community: CommunityRef, card: SessionCardOf) -> list[Update] | None:
        cid = community.id
        try:
            async with core.uow() as uow:
                known = await uow.communities.get(cid)
                team = await uow.teams.get(cid, card.team_id)
                if known is None or team is None:
                    return []
                now = core.clock.now()
                ctx = Ctx(
                    uow,
                    Actor(community, RENDERER, team.channel_id),
                    known,
                    Member(cid, RENDERER, joined_at=now),
                    team,
                    Role.TEACHER,
                    core.libraries,
                    core.settings,
                    now,
                )
                return await card_afresh(ctx, card)
        except StorageUnavailable:
            log.warning("could not read a session card again in %s; sent as committed", cid)
            return None
        except Exception:  # never lose the update to a read that went wrong: send it as it was
            log.exception("reading a session card again failed in %s; sent as committed", cid)
            return None

    return render


async def send_update(chat: Chat, community: CommunityRef, update: Update) -> None:
    """One update; a failure is logged (never the text), not retried."""
    try:
        await chat.update(community, update.ref, update.message)
    except ChatError as e:
        log.warning("could not update a message in %s: %s", community.id, e)
