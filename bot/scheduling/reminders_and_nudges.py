"""The tick's posts to people after the schedules' runs: action items' reminders
(action_reminders.py) and protocol steps' "time's up" nudges (step_nudges.py), both claimed in
one unit of work (every worker looks for both on every tick, most often finding none: one
transaction, not two) and posted after its commit, so each exactly once across workers."""

from __future__ import annotations

from collections.abc import Sequence

from bot.delivery import send
from bot.ports import Chat, Clock, UnitOfWorkFactory
from bot.scheduling import action_reminders, step_nudges


async def send_reminders_and_nudges(
    uow: UnitOfWorkFactory, chat: Chat, clock: Clock, platforms: Sequence[str] | None = None
) -> tuple[int, int]:
    """Claim the action reminders and step nudges due now (of communities on `platforms`,
    None: all) and post them; how many of each were posted."""
    now = clock.now()
    async with uow() as work:
        reminders = await action_reminders.claim(work, now, platforms)
        nudges = await step_nudges.claim(work, now, platforms)
        await work.commit()
    reminded = nudged = 0
    for r in reminders:
        reminded += (await send(chat, clock, r.community, [r.post])).posted
    for n in nudges:
        nudged += (await send(chat, clock, n.community, [n.post])).posted
    return reminded, nudged
