"""Which steps may run side by side: a step of one team's own people (its teachers and its
facilitator: a check-in, a reflection, the session, the team's work) touches that team's channel
and those people only, so the steps of different teams planned for the same moment may run at
once (Year.drain, in the two-process world: while one process answers a Slack request, the other
answers another, and the Discord one a third). A step of anyone who acts across teams (an
admin), a checkpoint and a fault run alone."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class InTeam:
    """`act`, done by people of the team `team` only."""

    team: str
    act: Callable[[], Awaitable[None]]

    def __call__(self) -> Awaitable[None]:
        return self.act()


def team_of(act: Callable[[], Awaitable[None]]) -> str | None:
    """The team whose people alone do `act`; None: it may touch anyone."""
    return act.team if isinstance(act, InTeam) else None


async def side_by_side(parallel: bool, acts: Iterable[Callable[[], Awaitable[None]]]) -> None:
    """Each of `acts` (each by its own people: a team's, or one person's): all at once when
    `parallel` (the two-process world, as the checkpoints' reads), else one after another."""
    if parallel:
        await asyncio.gather(*(act() for act in acts))
        return
    for act in acts:
        await act()
