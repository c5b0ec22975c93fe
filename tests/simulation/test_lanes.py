"""Steps of different teams at one moment run at once in the two-process world, each team's in
their planned order, and a step of someone who acts across teams (an admin), or a step of
another kind at the same moment, waits its turn: what people see stays theirs (World keeps what
reached each person during their own action)."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta
from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest

from bot.clock import FixedClock
from simulation.events import EventLog
from simulation.lanes import InTeam, side_by_side
from simulation.slack_wire import Seen
from simulation.world import SLACK, World
from simulation.year import Year

AT = datetime(2026, 9, 10, 20, 31, tzinfo=UTC)


def year(parallel: bool) -> Year:
    world = SimpleNamespace(clock=FixedClock(AT - timedelta(hours=1)), parallel=parallel)
    return Year(SimpleNamespace(world=world), None, None, random.Random(1), 0)  # type: ignore[arg-type]


async def test_two_teams_at_one_moment_act_at_once_each_in_its_own_order() -> None:
    y, done = year(parallel=True), []
    a_started, b_started = asyncio.Event(), asyncio.Event()

    async def a1() -> None:
        a_started.set()
        await asyncio.wait_for(b_started.wait(), 5)  # serially, B would never have started
        done.append("a1")

    async def b1() -> None:
        b_started.set()
        await asyncio.wait_for(a_started.wait(), 5)
        done.append("b1")

    async def record(name: str) -> None:
        done.append(name)

    y.push((AT, 2, InTeam("A", a1)))
    y.push((AT, 2, InTeam("B", b1)))
    y.push((AT, 2, InTeam("A", lambda: record("a2"))))
    await y.drain(AT + timedelta(minutes=1))
    assert done.index("a1") < done.index("a2")
    assert {"a1", "b1", "a2"} == set(done)
    assert (y.steps, y.beside) == (3, 3)


async def test_an_admin_step_or_another_kind_at_that_moment_waits_its_turn() -> None:
    y, done = year(parallel=True), []
    running = 0

    def step(name: str) -> Any:
        async def act() -> None:
            nonlocal running
            running += 1
            seen_running = running
            await asyncio.sleep(0.01)
            running -= 1
            done.append((name, seen_running))

        return act

    y.push((AT, 1, InTeam("A", step("open A"))))  # a session opens before its check-ins
    y.push((AT, 2, InTeam("A", step("check-in A"))))
    y.push((AT, 2, step("admin")))  # across teams: alone
    y.push((AT, 2, InTeam("B", step("check-in B"))))
    await y.drain(AT + timedelta(minutes=1))
    names = [n for n, _ in done]
    assert names[0] == "open A" and names[2] == "admin", names
    alone = {n: r for n, r in done}
    assert alone["open A"] == 1 and alone["admin"] == 1
    assert alone["check-in A"] == 1  # alone: the admin's step came between it and B's


async def test_in_the_one_process_world_steps_run_one_after_another() -> None:
    y, done = year(parallel=False), []

    async def one(name: str) -> None:
        done.append(f"{name} starts")
        await asyncio.sleep(0)
        done.append(f"{name} ends")

    y.push((AT, 2, InTeam("A", lambda: one("a"))))
    y.push((AT, 2, InTeam("B", lambda: one("b"))))
    await y.drain(AT + timedelta(minutes=1))
    assert done == ["a starts", "a ends", "b starts", "b ends"]
    assert y.beside == 0


def test_what_reached_each_person_during_their_action_is_theirs() -> None:
    """Two people act at once: the first's action ends and reads everything received so far,
    the second's answer among it; the second still gets theirs (and only theirs) back."""
    world = World(EventLog(), AT)
    world._begin("U1")
    world._begin("U2")
    early = [Seen("U1", "C1", "Checked in: 4"), Seen("U2", "C2", "Checked in: 2")]
    assert [s.text for s in world._record(early, SLACK, asked="U1")] == ["Checked in: 4"]
    late = [Seen(None, "C2", "the card, updated"), Seen("U3", None, "not theirs")]
    assert [s.text for s in world._record(late, SLACK, asked="U2")] == ["Checked in: 2"]
    shown = [e["text"] for e in world.log.events if e.kind == "shown"]
    world._files.cleanup()
    assert shown == ["Checked in: 4", "Checked in: 2", "not theirs"]


@pytest.mark.parametrize(
    ("parallel", "want"),
    [
        (True, ["a starts", "b starts", "a ends", "b ends"]),
        (False, ["a starts", "a ends", "b starts", "b ends"]),
    ],
)
async def test_a_checkpoint_s_reads_by_different_people_run_at_once_only_in_parallel(
    parallel: bool, want: list[str]
) -> None:
    """The checkpoints' reads (each team's facilitator, each sampled teacher) go side by side
    in the two-process world, one after another in the one-process world."""
    heard: list[str] = []
    both = asyncio.Event()

    async def read(who: str) -> None:
        heard.append(f"{who} starts")
        if len(heard) == 2:
            both.set()
        if parallel:
            await asyncio.wait_for(both.wait(), 5)  # one at a time, b would never start
        await asyncio.sleep(0)
        heard.append(f"{who} ends")

    await side_by_side(parallel, [partial(read, "a"), partial(read, "b")])
    assert heard == want
