"""One read of the web panel: a step in one unit of work through the core's `run`, under the
role (and team) chat's command for it needs; its value, or the refusal."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bot.domain import Role
from bot.outcome import Outcome
from bot.usecases.context import Actor, Ctx

if TYPE_CHECKING:
    from bot.service import PlcBot

T = TypeVar("T")


async def panel_read(
    bot: PlcBot,
    actor: Actor,
    read: Callable[[Ctx], Awaitable[T]],
    *,
    role: Role,
    what: str,
    needs_team: bool = False,
) -> T | Outcome:
    found: list[T] = []

    async def step(ctx: Ctx) -> Outcome:
        found.append(await read(ctx))
        return Outcome()

    outcome = await bot.run(
        actor, step, role=role, needs_team=needs_team, what=what, label=("panel", what)
    )
    return found[0] if found and outcome.ok else outcome
