"""The deadline responder's promises, as a listener sees them: a quick answer within the budget,
a slow one deferred at the budget and delivered later, a broken core answered with an apology,
and the core's work never cut short by the listener's own end."""

from __future__ import annotations

import asyncio

from adapters.kit import Deadline
from bot.api import Outcome, text


async def _answer(after: float, said: str = "done") -> Outcome:
    await asyncio.sleep(after)
    return Outcome(reply=text(said))


async def test_a_quick_answer_comes_in_time() -> None:
    deadline = Deadline(budget=1.0)
    heard: list[str] = []

    async def in_time(outcome: Outcome) -> None:
        heard.append(f"in time: {outcome.reply and outcome.reply.plain_text()}")

    async def later(outcome: Outcome) -> None:
        heard.append("later")

    async def defer() -> None:
        heard.append("deferred")

    await deadline.respond(
        _answer(0.0), where="test", in_time=in_time, defer=defer, later=later, wait=True
    )
    assert heard == ["in time: done"]


async def test_a_slow_answer_is_deferred_at_the_budget_then_delivered() -> None:
    deadline = Deadline(budget=0.05)
    heard: list[str] = []

    async def in_time(outcome: Outcome) -> None:
        heard.append("in time")

    async def later(outcome: Outcome) -> None:
        heard.append(f"later: {outcome.reply and outcome.reply.plain_text()}")

    async def defer() -> None:
        heard.append("deferred")

    await deadline.respond(
        _answer(0.3, "slow"), where="test", in_time=in_time, defer=defer, later=later, wait=True
    )
    # Waited for the slow answer: it was heard before respond returned. (No clock check: the
    # loop's clock under uvloop counts whole milliseconds, so 0.3 s can read as 0.299.)
    assert heard == ["deferred", "later: slow"]


async def test_the_budget_counts_from_the_arrival() -> None:
    deadline = Deadline(budget=0.5)
    loop = asyncio.get_running_loop()
    task, outcome = await deadline.first_answer(_answer(0.0), "test", arrived=loop.time() - 1.0)
    assert outcome is None  # spent already: deferred at once, the work still runs
    assert (await task).ok


async def test_a_broken_core_is_answered_with_an_apology() -> None:
    async def broken() -> Outcome:
        raise RuntimeError("a defect")

    _task, outcome = await Deadline(budget=1.0).first_answer(broken(), "test")
    assert outcome is not None and not outcome.ok and outcome.reply is not None


async def test_the_work_outlives_a_cancelled_listener() -> None:
    deadline = Deadline(budget=5.0)
    finished: list[str] = []

    async def work() -> Outcome:
        await asyncio.sleep(0.1)
        finished.append("saved")
        return Outcome()

    waiting = asyncio.create_task(deadline.first_answer(work(), "test"))
    await asyncio.sleep(0.01)
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    assert waiting.cancelled()
    await deadline.drain(grace=1.0)
    assert finished == ["saved"]
