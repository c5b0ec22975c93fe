"""The scheduler's storage: schedules, exactly-once runs, calendar breaks, sent reminders."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta, timezone

import pytest

from bot.scheduling.model import RunState, ScheduleKind
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import T0, A, B, at, calendar_break, delivery, run, schedule, seed_team


async def test_a_schedule_is_added_read_saved_listed_and_removed(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        nudge = await uow.schedules.add(schedule(t, kind=ScheduleKind.STAGE_NUDGE))
        reminder = await uow.schedules.add(
            schedule(t, kind=ScheduleKind.NONRESPONDER_REMINDER, after_hours=48, next_fire_at=None)
        )
        await uow.schedules.add(schedule(other))
        await uow.commit()
    assert nudge.id > 0 and nudge == replace(
        schedule(t, kind=ScheduleKind.STAGE_NUDGE), id=nudge.id
    )
    async with uow_factory() as uow:
        assert await uow.schedules.get(A, reminder.id) == reminder
        assert list(await uow.schedules.for_team(A, t.id)) == [nudge, reminder]
        changed = replace(nudge, paused=True, runs=3, next_fire_at=at(120), when="weekdays 08:00")
        await uow.schedules.save(changed)
        await uow.schedules.remove(A, reminder.id)
        await uow.schedules.remove(A, reminder.id)  # already gone: harmless
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.schedules.for_team(A, t.id)) == [changed]


async def test_due_gives_unpaused_schedules_whose_time_has_come_oldest_first_with_their_teams(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow, A)
        u = await seed_team(uow, B)
        later = await uow.schedules.add(schedule(t, next_fire_at=at(30)))
        earlier = await uow.schedules.add(schedule(u, next_fire_at=at(10)))
        await uow.schedules.add(schedule(t, next_fire_at=at(20), paused=True))
        await uow.schedules.add(schedule(t, next_fire_at=None))
        await uow.schedules.add(schedule(t, next_fire_at=at(31)))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.schedules.due(at(30), 10)) == [(earlier, u), (later, t)]
        assert list(await uow.schedules.due(at(30), 1)) == [(earlier, u)]
        assert list(await uow.schedules.due(at(9), 10)) == []


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_on_postgres_a_second_worker_skips_the_schedules_the_first_has_taken(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        first = await uow.schedules.add(schedule(t, next_fire_at=at(1)))
        second = await uow.schedules.add(schedule(t, next_fire_at=at(2)))
        await uow.commit()
    async with uow_factory() as worker_one, uow_factory() as worker_two:
        assert [s.id for s, _ in await worker_one.schedules.due(at(5), 1)] == [first.id]
        taken = await asyncio.wait_for(worker_two.schedules.due(at(5), 10), timeout=5)
        assert [s.id for s, _ in taken] == [second.id]


async def test_a_run_is_claimed_once_per_schedule_and_fire_time(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        sch = await uow.schedules.add(schedule(await seed_team(uow)))
        claimed = await uow.schedule_runs.claim(run(sch, at(0)))
        assert claimed is not None and claimed.id > 0
        assert claimed == replace(run(sch, at(0)), id=claimed.id)
        # The same instant, written in another zone, is the same fire time.
        same_instant = at(0).astimezone(timezone(timedelta(hours=-6)))
        assert await uow.schedule_runs.claim(run(sch, same_instant)) is None
        assert await uow.schedule_runs.claim(run(sch, at(60))) is not None  # still usable
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.schedule_runs.claim(run(sch, at(0))) is None
        assert len(await uow.schedule_runs.recent(A, sch.id, 10)) == 2


async def test_two_workers_claiming_one_run_at_once_get_it_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        sch = await uow.schedules.add(schedule(await seed_team(uow)))
        await uow.commit()

    async def worker() -> bool:
        async with uow_factory() as uow:
            claimed = await uow.schedule_runs.claim(run(sch, at(0)))
            await asyncio.sleep(0.2)  # advancing the schedule, while the other worker tries
            await uow.commit()
            return claimed is not None

    assert sorted(await asyncio.gather(worker(), worker())) == [False, True]


async def test_a_batch_of_runs_is_claimed_at_once_each_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """The scheduler's batch (one statement on PostgreSQL): in the order given, each run
    with its id, None where that (schedule, fire time) was claimed already."""
    async with uow_factory() as uow:
        t = await seed_team(uow)
        one, two = [await uow.schedules.add(schedule(t)) for _n in range(2)]
        taken = await uow.schedule_runs.claim(run(one, at(0)))
        await uow.commit()
    async with uow_factory() as uow:
        batch = [run(two, at(5)), run(one, at(0)), run(one, at(5))]
        claimed = await uow.schedule_runs.claim_many(batch)
        assert claimed[1] is None and taken is not None
        won = [
            c is not None and c == replace(r, id=c.id) for c, r in zip(claimed, batch, strict=True)
        ]
        assert won == [True, False, True]
        assert await uow.schedule_runs.claim_many([]) == []
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.schedule_runs.claim_many([run(two, at(5))]) == [None]
        runs = await uow.schedule_runs.recent(A, one.id, 10)
        assert [r.fire_at for r in runs] == [at(5), at(0)]


async def test_finishing_a_run_records_its_state_time_and_posts(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        sch = await uow.schedules.add(schedule(await seed_team(uow)))
        claimed = await uow.schedule_runs.claim(run(sch, at(0)))
        assert claimed is not None
        await uow.schedule_runs.finish(A, claimed.id, RunState.SENT, at(1), 3)
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.schedule_runs.recent(A, sch.id, 1)) == [
            replace(claimed, state=RunState.SENT, finished_at=at(1), posts=3)
        ]


async def test_recent_runs_come_newest_first_and_stuck_ones_are_those_still_claimed(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        sch = await uow.schedules.add(schedule(t))
        elsewhere = await uow.schedules.add(schedule(await seed_team(uow, A, "C2")))
        runs = [await uow.schedule_runs.claim(run(sch, at(m))) for m in (0, 60, 120)]
        old, middle, new = [r for r in runs if r is not None]
        await uow.schedule_runs.finish(A, middle.id, RunState.SKIPPED, at(61), 0)
        await uow.schedule_runs.claim(run(elsewhere, at(0)))
        await uow.commit()
    async with uow_factory() as uow:
        assert [r.id for r in await uow.schedule_runs.recent(A, sch.id, 2)] == [new.id, middle.id]
        assert list(await uow.schedule_runs.stuck(A, t.id, before=at(120))) == [old]
        assert [r.id for r in await uow.schedule_runs.stuck(A, t.id, at(121))] == [old.id, new.id]


async def test_calendar_breaks_for_a_team_or_the_whole_community_round_trip(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        late = await uow.calendar.add(
            calendar_break(A, t.id, first_day=date(2025, 12, 22), last_day=date(2026, 1, 2))
        )
        early = await uow.calendar.add(calendar_break(A, None, label="Conferences 🍎"))
        await uow.commit()
    assert early.id > 0 and early == replace(
        calendar_break(A, None, label="Conferences 🍎"), id=early.id
    )
    async with uow_factory() as uow:
        assert await uow.calendar.get(A, late.id) == late
        assert list(await uow.calendar.list(A)) == [early, late]
        await uow.calendar.remove(A, early.id)
        await uow.calendar.remove(A, early.id)  # already gone: harmless
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.calendar.list(A)) == [late]
        assert await uow.calendar.get(A, early.id) is None


async def test_a_person_is_reminded_of_a_prompt_once(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        d = await uow.deliveries.add(delivery(await seed_team(uow)))
        assert await uow.reminders.claim(A, d.id, "U2", T0) is True
        assert await uow.reminders.claim(A, d.id, "U2", at(1)) is False
        assert await uow.reminders.claim(A, d.id, "U3", at(1)) is True
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.reminders.claim(A, d.id, "U2", at(60)) is False
