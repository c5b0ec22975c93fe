"""One request's unit of work: who is asking, may they, run the step, commit; and what to say
when the database is away, two changes raced, or a defect broke it. Each ending has a name
(the `outcome` of the request's metrics, bot/observe.py)."""

from __future__ import annotations

import logging
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.door import forbidden, not_a_team
from bot.i18n import N_, _, speaking
from bot.incident import unexpected
from bot.messages import text
from bot.outcome import Outcome
from bot.ports import Clock, Conflict, StorageUnavailable, UnitOfWork, UnitOfWorkFactory
from bot.standing import Repeat, context_of
from bot.usecases import admins
from bot.usecases.context import Actor, Refusal
from bot.whose_language import of_request

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.domain import Role
    from bot.library import Libraries
    from bot.usecases.context import Ctx, Settings

log = logging.getLogger("plcbot")

# Said through `_` when they are answered.
NOT_SAVED = N_(
    "I couldn't reach the database just now, so nothing was saved. "
    "Please try again in a minute; your words are not lost if you still have them."
)
RACED = N_(
    "That clashed with another change made at the same moment, so nothing was saved. "
    "Please try again."
)
SLOW_DOWN = N_(
    "You're sending requests faster than I can keep up with, so I did not run that one and "
    "nothing of it was saved. Please wait about {seconds} seconds and send it again."
)


@dataclass(frozen=True)
class Rules:
    """What the request needs before its step runs (the intent type's policy)."""

    role: Role
    needs_team: bool = False
    bootstrap: bool = False
    what: str = ""


@dataclass(frozen=True)
class Core:
    uow: UnitOfWorkFactory
    clock: Clock
    libraries: Libraries
    settings: Settings


async def attempt(
    core: Core,
    actor: Actor,
    step: Callable[[Ctx], Awaitable[Outcome]],
    rules: Rules,
    event_key: str | None,
) -> tuple[Outcome, str]:
    """The step in one unit of work: its outcome, and how it ended (ok, refused, duplicate,
    unavailable, raced, error; a step's own answer that is not ok: declined)."""
    try:
        async with core.uow() as uow:
            try:
                outcome, claimed = await _checked(core, uow, actor, step, rules, event_key)
            except Repeat:  # the context read claimed the delivery and found it handled
                return _duplicate(actor)
            except Exception:
                # Answered all the same (a refusal, an apology): handled once.
                if event_key and not await _claim_alone(core, uow, actor, event_key):
                    return _duplicate(actor)
                raise
            # The claim is in the step's transaction, made with the context read (PostgreSQL:
            # one round trip fewer) or else here, last; so a request needs no SAVEPOINT around
            # its step: a repeat that got this far is undone whole, and a step that failed
            # takes the claim with it (then _claim_alone).
            if (
                event_key
                and not claimed
                and not await uow.events.claim(actor.community.id, event_key, core.clock.now())
            ):
                return _duplicate(actor)
            await uow.commit()
    except Refusal as refusal:
        return refusal.outcome(), "refused"
    except StorageUnavailable:
        log.warning("storage unavailable; request from %s not saved", actor.community.id)
        return Outcome(reply=text(_(NOT_SAVED)), ok=False), "unavailable"
    except Conflict:
        # Two requests raced (a double click, two facilitators at once); the loser's whole
        # unit of work was rolled back.
        return Outcome(reply=text(_(RACED)), ok=False), "raced"
    except Exception:  # a defect: rolled back, answered with a reference, logged with it
        return unexpected(actor.community.id), "error"
    return outcome, "ok" if outcome.ok else "declined"


async def _checked(
    core: Core,
    uow: UnitOfWork,
    actor: Actor,
    step: Callable[[Ctx], Awaitable[Outcome]],
    rules: Rules,
    event_key: str | None,
) -> tuple[Outcome, bool]:
    """Who is asking and may they (the intent type's rules), then the step; and whether the
    context read claimed the delivery (`event_key`) already."""
    now = core.clock.now()
    ctx = await context_of(uow, actor, now, core.libraries, core.settings, claim=event_key)
    with speaking(of_request(ctx)):  # the person's own language, or their platform's, ...
        if rules.needs_team and ctx.team is None:
            raise await not_a_team(ctx)
        if ctx.role < rules.role and not (
            rules.bootstrap and await admins.may_bootstrap(uow, ctx.community.id)
        ):
            raise await forbidden(ctx, rules.role, rules.what)
        return await step(ctx), ctx.claimed is True


async def _claim_alone(core: Core, uow: UnitOfWork, actor: Actor, event_key: str) -> bool:
    """After a step that raised: undo it, then claim the delivery by itself. False if an
    earlier delivery had claimed it; True when claimed, or when the database could not say
    (the step's own failure is answered then, as it would be without a key)."""
    with suppress(StorageUnavailable, Conflict):
        await uow.rollback()
        if not await uow.events.claim(actor.community.id, event_key, core.clock.now()):
            return False
        await uow.commit()
    return True


def _duplicate(actor: Actor) -> tuple[Outcome, str]:
    log.info("duplicate delivery of an event in %s ignored", actor.community.id)
    return Outcome(), "duplicate"
