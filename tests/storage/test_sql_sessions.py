"""Facilitated sessions: one open per team at most, its check-ins and its pulse."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace

import pytest

from bot.domain import PulseAnswer
from bot.ports import Conflict
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, checkin, pulse, seed_team, session


async def test_an_added_session_gets_an_id_and_reads_back(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        opened = await uow.sessions.add(session(t))
        await uow.commit()
    assert opened.id > 0 and opened == replace(session(t), id=opened.id)
    async with uow_factory() as uow:
        assert await uow.sessions.get(A, opened.id) == opened
        assert await uow.sessions.open_for(A, t.id) == opened
        assert await uow.sessions.get(A, opened.id + 1) is None


async def test_a_second_open_session_for_a_team_is_a_conflict_and_the_uow_stays_usable(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        first = await uow.sessions.add(session(t))
        with pytest.raises(Conflict):
            await uow.sessions.add(session(t, topic="Decimals"))
        # The same transaction goes on: earlier writes kept, new ones accepted.
        other = await seed_team(uow, A, "C2")
        await uow.sessions.add(session(other))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.sessions.open_for(A, t.id) == first
        assert await uow.sessions.open_for(A, other.id) is not None


async def test_two_requests_racing_to_open_a_session_leave_exactly_one_open(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.commit()

    async def open_one(topic: str) -> str:
        try:
            async with uow_factory() as uow:
                await uow.sessions.add(session(t, topic=topic))
                await asyncio.sleep(0.2)  # hold the transaction while the other one tries
                await uow.commit()
                return "opened"
        except Conflict:
            return "conflict"

    outcomes = await asyncio.gather(open_one("first"), open_one("second"))
    assert sorted(outcomes) == ["conflict", "opened"]
    async with uow_factory() as uow:
        assert len(await uow.sessions.list(A, t.id)) == 1


async def test_closing_a_session_is_saved_and_lets_the_team_open_another(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        first = await uow.sessions.add(session(t))
        closed = replace(first, closed_at=at(90))
        await uow.sessions.save(closed)
        second = await uow.sessions.add(session(t, opened_at=at(120), topic="Decimals"))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.sessions.get(A, first.id) == closed
        assert await uow.sessions.open_for(A, t.id) == second


async def test_sessions_list_by_opening_time_and_since_keeps_the_later_ones(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        late = await uow.sessions.add(session(t, opened_at=at(200), closed_at=at(250)))
        early = await uow.sessions.add(session(t, opened_at=at(0), closed_at=at(90)))
        await uow.sessions.add(session(other, opened_at=at(100)))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.sessions.list(A, t.id)) == [early, late]
        assert list(await uow.sessions.list(A, t.id, since=at(200))) == [late]
        assert list(await uow.sessions.list(A, t.id, since=at(201))) == []


async def test_a_checkin_is_added_found_and_saved(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t))
        added = await uow.checkins.add(checkin(t, s.id, "U2"))
        await uow.commit()
    assert added.id > 0 and added == replace(checkin(t, s.id, "U2"), id=added.id)
    async with uow_factory() as uow:
        assert await uow.checkins.find(A, s.id, "U2") == added
        assert await uow.checkins.find(A, s.id, "U3") is None
        updated = replace(added, score=2, word=None, at=at(5))
        await uow.checkins.save(updated)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.checkins.find(A, s.id, "U2") == updated


async def test_a_second_checkin_to_the_same_session_is_a_conflict(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t))
        await uow.checkins.add(checkin(t, s.id, "U2"))
        with pytest.raises(Conflict):
            await uow.checkins.add(checkin(t, s.id, "U2", score=1))
        await uow.checkins.add(checkin(t, s.id, "U3"))
        await uow.commit()
    async with uow_factory() as uow:
        assert [c.user_id for c in await uow.checkins.for_session(A, s.id)] == ["U2", "U3"]


async def test_checkins_without_a_session_are_not_limited_to_one(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.checkins.add(checkin(t, None, "U2", at=at(0)))
        await uow.checkins.add(checkin(t, None, "U2", at=at(10)))
        await uow.commit()
    async with uow_factory() as uow:
        assert [c.at for c in await uow.checkins.list(A, t.id)] == [at(0), at(10)]


async def test_checkins_list_for_a_session_and_for_a_team_since_a_time(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        s = await uow.sessions.add(session(t))
        late = await uow.checkins.add(checkin(t, s.id, "U2", at=at(30)))
        early = await uow.checkins.add(checkin(t, s.id, "U3", at=at(1)))
        loose = await uow.checkins.add(checkin(t, None, "U4", at=at(60)))
        await uow.checkins.add(checkin(other, None, "U5", at=at(60)))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.checkins.for_session(A, s.id)) == [early, late]
        assert list(await uow.checkins.list(A, t.id)) == [early, late, loose]
        assert list(await uow.checkins.list(A, t.id, since=at(30))) == [late, loose]


async def test_a_pulse_answer_is_saved_updated_and_listed_for_its_session(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t))
        other = await uow.sessions.add(session(await seed_team(uow, A, "C2")))
        await uow.pulse.save(pulse(A, s.id, "U3", relevant=5))
        await uow.pulse.save(pulse(A, s.id, "U2", recommend=False))
        await uow.pulse.save(pulse(A, other.id, "U2", relevant=1))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.pulse.get(A, s.id, "U3") == pulse(A, s.id, "U3", relevant=5)
        assert await uow.pulse.get(A, s.id, "U4") is None
        await uow.pulse.save(pulse(A, s.id, "U3", relevant=4, recommend=True))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.pulse.for_session(A, s.id)) == [
            pulse(A, s.id, "U2", recommend=False),
            pulse(A, s.id, "U3", relevant=4, recommend=True),
        ]


async def test_a_persons_checkins_and_pulse_answers_are_listed_across_their_teams(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        other = await seed_team(uow, A, "C2")
        first = await uow.sessions.add(session(t, closed_at=at(60)))
        second = await uow.sessions.add(session(other))
        late = await uow.checkins.add(checkin(other, second.id, "U2", at=at(90)))
        early = await uow.checkins.add(checkin(t, first.id, "U2", at=at(1)))
        loose = await uow.checkins.add(checkin(t, None, "U2", at=at(30)))
        await uow.checkins.add(checkin(t, first.id, "U3", at=at(2)))
        await uow.pulse.save(pulse(A, second.id, "U2", relevant=3))
        await uow.pulse.save(pulse(A, first.id, "U2", recommend=True))
        await uow.pulse.save(pulse(A, first.id, "U3", relevant=1))
        await uow.commit()
    async with uow_factory() as uow:
        assert list(await uow.checkins.by_user(A, "U2")) == [early, loose, late]
        assert list(await uow.pulse.by_user(A, "U2")) == [
            pulse(A, first.id, "U2", recommend=True),
            pulse(A, second.id, "U2", relevant=3),
        ]
        assert list(await uow.checkins.by_user(A, "U9")) == []
        assert list(await uow.pulse.by_user(A, "U9")) == []


async def test_two_quick_pulse_answers_by_one_person_both_count(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """One click per question, the second while the first's unit of work is still open: the
    second must not write the first question's answer back as it read it (unanswered)."""
    async with uow_factory() as uow:
        s = await uow.sessions.add(session(await seed_team(uow)))
        await uow.commit()

    async def recommend() -> PulseAnswer:
        async with uow_factory() as uow:
            answer = await uow.pulse.answer(A, s.id, "U2", recommend=True)
            await uow.commit()
            return answer

    async with uow_factory() as first:
        assert await first.pulse.answer(A, s.id, "U2", relevant=5) == pulse(
            A, s.id, "U2", relevant=5
        )
        second = asyncio.create_task(recommend())
        await asyncio.sleep(0.3)  # PostgreSQL: it waits on the row; SQLite: on the writer lock
        await first.commit()
    assert await second == pulse(A, s.id, "U2", relevant=5, recommend=True)
    async with uow_factory() as uow:
        assert await uow.pulse.get(A, s.id, "U2") == pulse(
            A, s.id, "U2", relevant=5, recommend=True
        )
        changed = await uow.pulse.answer(A, s.id, "U2", relevant=2)
        assert changed == pulse(A, s.id, "U2", relevant=2, recommend=True)


async def test_a_pulse_answer_for_a_session_of_another_community_is_refused(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        s = await uow.sessions.add(session(await seed_team(uow, A)))
        await seed_team(uow, B, "C9")
        with pytest.raises(LookupError):
            await uow.pulse.answer(B, s.id, "U2", relevant=5)
        assert await uow.pulse.get(A, s.id, "U2") is None
        await uow.commit()


async def test_counting_a_sessions_check_ins_after_holding_it_sees_every_commit_before(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """Two check-ins at once render the session card one after the other: the second counts
    after the first commits, so its card counts both (bot/card_lanes.py). Without the hold,
    PostgreSQL let both count while neither had committed, and each card said 1; held FOR
    UPDATE, two check-ins inserted before either held deadlocked on the session's KEY SHARE."""
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t))
        await uow.commit()
    inserted = {"U1": asyncio.Event(), "U2": asyncio.Event()}

    async def check_in_and_count(user: str) -> int:
        async with uow_factory() as uow:
            await uow.checkins.add(checkin(t, s.id, user))
            inserted[user].set()
            other = next(e for u, e in inserted.items() if u != user)
            with contextlib.suppress(TimeoutError):  # SQLite, the fake: it waits to write
                await asyncio.wait_for(other.wait(), 0.5)  # PostgreSQL: both inserted
            await uow.sessions.hold(A, s.id)
            counted = len(await uow.checkins.for_session(A, s.id))
            await uow.commit()
            return counted

    both = asyncio.gather(check_in_and_count("U1"), check_in_and_count("U2"))
    assert sorted(await asyncio.wait_for(both, 20)) == [1, 2]  # the later counts both
