"""Issue 20/19: action items that cannot be reminded (their owner turned reminders off, their
team is on a calendar break, their reminder is not due yet where the team is) never keep the
scheduler from reminding anyone else, however many of them come first by due date. The batch
is made two items long here, so two such items are as many as a district's year of them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.scheduling import action_reminders
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness

OVERDUE = datetime(2026, 9, 18, 15, 0, tzinfo=UTC)  # Friday 10:00 in Chicago


@pytest.fixture(autouse=True)
def small_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(action_reminders, "BATCH", 2)


async def _team(uow_factory: SqlUnitOfWorkFactory) -> Harness:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    for teacher in ("tia", "jon"):
        assert (await h.say(teacher, "/plc checkin 4")).ok
    return h


async def test_owners_with_reminders_off_do_not_starve_the_others(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    for n in range(3):  # due first, every tick, for ever: tia turned her reminders off
        assert (await h.say("fay", f"/plc action add @tia item {n} by 2026-09-15")).ok
    assert (await h.say("fay", "/plc action add @jon share the rubric by 2026-09-16")).ok
    assert (await h.say("tia", "/plc me reminders off")).ok
    h.clock.set(OVERDUE)
    runner = h.runner()
    await runner.tick()
    await runner.tick()
    assert ["is overdue" in d.text for d in h.chat.dms_to("jon")] == [True]
    assert h.chat.dms_to("tia") == []


async def test_a_team_on_a_break_does_not_starve_another_team(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    assert (await h.say("ana", "/plc team create Fifth America/Chicago", "C2")).ok
    for n in range(3):  # C2's items are overdue but its team is on a break all month
        assert (await h.say("ana", f"/plc action add @uma item {n} by 2026-09-15", "C2")).ok
    off = "/plc calendar off 2026-09-16..2026-09-30 Trip --team Fifth"
    assert (await h.say("ana", off, "C2")).ok
    assert (await h.say("fay", "/plc action add @jon share the rubric by 2026-09-16")).ok
    h.clock.set(OVERDUE)
    await h.runner().tick()
    assert ["is overdue" in d.text for d in h.chat.dms_to("jon")] == [True]
    assert h.chat.dms_to("uma") == []


async def test_reminders_not_due_yet_where_their_team_is_do_not_starve_the_rest(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = await _team(uow_factory)
    assert (await h.say("ana", "/plc team create Sixth Pacific/Pago_Pago", "C3")).ok
    for n in range(3):  # 05:00 on Friday in Pago Pago: before the reminders' hour there
        assert (await h.say("ana", f"/plc action add @uma item {n} by 2026-09-15", "C3")).ok
    assert (await h.say("fay", "/plc action add @jon share the rubric by 2026-09-16")).ok
    h.clock.set(datetime(2026, 9, 18, 16, 0, tzinfo=UTC))
    await h.runner().tick()
    assert ["is overdue" in d.text for d in h.chat.dms_to("jon")] == [True]
    assert h.chat.dms_to("uma") == []
