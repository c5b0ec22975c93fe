"""The hard faults of the two-process world (simulation/processes.py), at seeded moments:

- week 1, Monday morning just before the first reflection prompts: one `plcbot run` process
  is killed with SIGKILL; the other serves every request and ticks alone until the killed one
  is started again that afternoon. Nothing may be lost or posted twice (checked at the end with
  every scheduled post). The process serving Discord is the only one that can (one gateway
  connection): killed, it is started again at once (as its supervisor would, in seconds; the
  simulated clock does not move meanwhile), and it IDENTIFYs anew.
- week 2, Wednesday a minute before the check-in nudges: the database is cut off for
  `cut_seconds` of wall time (20 s by default) and both processes tick at once: both find no
  database, and tick again at the same moment once it is back.
- week 2, Thursday during the session: another cut, as two teachers write a reflection; both
  are told nothing was saved. The first gives up: the oracle counts nothing of theirs (had
  plcbot saved it anyway, the team's figures would show one more). The second sends it again
  once the database is back: it is counted once (saved twice, the figures would show it).

In the in-process world with Slack in Socket Mode: a dropped connection (socket_steps,
simulation/socket_drop.py).
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import partial

from simulation.acts import Acts
from simulation.plan import FIRST_DAY, District, Teacher
from simulation.processes import NOT_SAVED, ProcessWorld
from simulation.world import World
from simulation.year import Step, local


def fault_steps(
    world: ProcessWorld, acts: Acts, district: District, rng: random.Random, cut_seconds: float
) -> list[Step]:
    team = district.teams[0]
    zone, weeks = team.zone, district.scale.weeks
    victim = rng.randrange(len(world.workers))
    steps: list[Step] = []
    if weeks >= 1:
        monday = FIRST_DAY
        steps.append((local(monday, 7, rng.randint(0, 25), zone), 4, partial(kill, world, victim)))
        steps.append((local(monday, 13, rng.randint(0, 59), zone), 4, partial(restart, world)))
    if weeks >= 2:
        wednesday = FIRST_DAY + timedelta(days=9)
        cut = partial(cut_then_tick, world, cut_seconds)
        steps.append((local(wednesday, 7, 59, zone), 4, cut))
        writers = [t for t in district.teachers if t.forgets_on is None][:2]
        if writers:
            at = local(wednesday + timedelta(days=1), 15, rng.randint(40, 55), zone)
            steps.append((at, 4, partial(cut_then_write, world, acts, writers, cut_seconds)))
    return steps


async def kill(world: ProcessWorld, n: int) -> None:
    worker = world.workers[n]
    await worker.kill()
    world.faults.append(f"{world.stamp()}: {worker.name} killed (SIGKILL)")
    if worker.discord is not None:
        await restart(world)


async def restart(world: ProcessWorld) -> None:
    for worker in world.workers:
        if not worker.alive:
            await worker.start()
            if worker.discord is not None:
                await world.discord.served(worker)
            world.faults.append(f"{world.stamp()}: {worker.name} started again")


async def cut_then_tick(world: ProcessWorld, seconds: float) -> None:
    assert world.cut is not None
    world.cut.cut(seconds)
    world.faults.append(f"{world.stamp()}: the database cut off for {seconds:g} s")
    await world.tick(world.now())


async def cut_then_write(
    world: ProcessWorld, acts: Acts, writers: list[Teacher], seconds: float
) -> None:
    assert world.cut is not None
    world.cut.cut(seconds)
    world.faults.append(f"{world.stamp()}: the database cut off for {seconds:g} s")
    writers = [t for t in writers if t.user not in acts.gone]
    if len(writers) == 2:
        await give_up(world, acts, writers.pop(0))
    for t in writers:
        await acts.reflect(t, "team")


async def give_up(world: ProcessWorld, acts: Acts, t: Teacher) -> None:
    """A reflection written once: told nothing was saved, its writer lets it go, and it leaves
    the log (nothing of it is counted)."""
    token = acts.written(t, "team")
    noted = acts.log.events[-1]
    line = f"/plc reflect --team Today {token} showed me what my students need."
    seen = await world.say_once(t.community, t.user, t.team, line)
    if any(NOT_SAVED in s.text for s in seen):
        acts.log.events.remove(noted)
        world.faults.append(f"{world.stamp()}: a person was told nothing was saved, and let it go")


def socket_steps(world: World, acts: Acts, district: District, rng: random.Random) -> list[Step]:
    """Tuesday afternoon of week 1 or 2, just after the reminder DMs: the next DM reply's
    websocket drops before its ack."""
    team = district.teams[0]
    tuesday = FIRST_DAY + timedelta(days=1 + 7 * rng.randrange(min(2, district.scale.weeks)))

    async def arm() -> None:
        world.slack.drop_next = True
        acts.faults.append(f"{world.stamp()}: the next DM reply's Socket Mode connection drops")

    return [(local(tuesday, 16, rng.randint(1, 15), team.zone), 4, arm)]
