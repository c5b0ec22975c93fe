"""One request's unit of work: who is asking, may they, run the step, commit; and what to say
when the database is away, two changes raced, or a defect broke it. Each ending has a name
(the `outcome` of the request's metrics, bot/observe.py)."""

from __future__ import annotations

import logging
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.door import forbidden
from bot.incident import unexpected
from bot.messages import text
from bot.outcome import Outcome
from bot.ports import Clock, Conflict, StorageUnavailable, UnitOfWorkFactory
from bot.standing import context_of
from bot.usecases import admins
from bot.usecases.context import NOT_A_TEAM, Actor, Refusal

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from bot.domain import Role
    from bot.library import Libraries
    from bot.usecases.context import Ctx, Settings

log = logging.getLogger("plcbot")

NOT_SAVED = (
    "I couldn't reach the database just now, so nothing was saved. "
    "Please try again in a minute; your words are not lost if you still have them."
)
RACED = "That clashed with another change made at the same moment, so nothing was saved. Please try again."


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
            if event_key and not await uow.events.claim(
                actor.community.id, event_key, core.clock.now()
            ):
                log.info("duplicate delivery of an event in %s ignored", actor.community.id)
                return Outcome(), "duplicate"
            try:
                async with uow.savepoint() if event_key else nullcontext():
                    ctx = await context_of(
                        uow, actor, core.clock.now(), core.libraries, core.settings
                    )
                    if rules.needs_team and ctx.team is None:
                        raise Refusal(NOT_A_TEAM)
                    if ctx.role < rules.role and not (
                        rules.bootstrap and await admins.may_bootstrap(uow, ctx.community.id)
                    ):
                        raise await forbidden(ctx, rules.role, rules.what)
                    outcome = await step(ctx)
            except Exception:
                if event_key:  # answered all the same (a refusal, an apology): handled once
                    with suppress(StorageUnavailable, Conflict):
                        await uow.commit()  # the claim alone
                raise
            await uow.commit()
    except Refusal as refusal:
        return refusal.outcome(), "refused"
    except StorageUnavailable:
        log.warning("storage unavailable; request from %s not saved", actor.community.id)
        return Outcome(reply=text(NOT_SAVED), ok=False), "unavailable"
    except Conflict:
        # Two requests raced (a double click, two facilitators at once); the loser's whole
        # unit of work was rolled back.
        return Outcome(reply=text(RACED), ok=False), "raced"
    except Exception:  # a defect: rolled back, answered with a reference, logged with it
        return unexpected(actor.community.id), "error"
    return outcome, "ok" if outcome.ok else "declined"
