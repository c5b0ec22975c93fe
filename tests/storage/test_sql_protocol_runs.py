"""Protocol runs on the fake, SQLite and PostgreSQL: a run with its steps and notes reads back;
a team runs one protocol at a time; a step position is taken once; the notes of a session's
runs read back for its minutes; another community sees none of it; forgetting a person takes
their notes, and purging a community takes everything."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain import Team
from bot.ports import Conflict, UnitOfWork
from bot.protocols import ProtocolNote, ProtocolRun, RunStatus, RunStep, StepEnd, StepNotes
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, B, at, seed_team, session


def a_run(team: Team, session_id: int | None = None) -> ProtocolRun:
    return ProtocolRun(
        0, team.community_id, team.id, "notice-and-wonder", "Notice and wonder", "U1", at(0),
        session_id=session_id,
    )  # fmt: skip


def a_step(run: ProtocolRun, position: int, minutes: int = 5) -> RunStep:
    started = at(10 * position)
    return RunStep(
        0, run.community_id, run.id, position, f"Step {position}", "Look quietly.", minutes,
        started, started + timedelta(minutes=minutes),
    )  # fmt: skip


def a_note(step: RunStep, author: str, text: str, minute: int) -> ProtocolNote:
    return ProtocolNote(0, step.community_id, step.run_id, step.id, author, text, at(minute))


async def seed_run(uow: UnitOfWork) -> tuple[Team, ProtocolRun, RunStep, RunStep]:
    team = await seed_team(uow)
    opened = await uow.sessions.add(session(team))
    run = await uow.protocol_runs.add(a_run(team, opened.id))
    first = await uow.protocol_runs.add_step(a_step(run, 1))
    second = await uow.protocol_runs.add_step(a_step(run, 2))
    await uow.protocol_runs.add_note(a_note(first, "U2", "Most errors above one ✓", 11))
    await uow.protocol_runs.add_note(a_note(second, "U3", "They compare numerators", 21))
    return team, run, first, second


async def test_a_run_its_steps_and_notes_read_back_in_order(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team, run, first, second = await seed_run(uow)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.protocol_runs.get(A, run.id) == run
        assert await uow.protocol_runs.running(A, team.id) == run
        assert list(await uow.protocol_runs.steps_of(A, run.id)) == [first, second]
        assert await uow.protocol_runs.step(A, second.id) == second
        notes = await uow.protocol_runs.notes_of(A, run.id)
        assert [(n.step_id, n.author_id, n.text) for n in notes] == [
            (first.id, "U2", "Most errors above one ✓"),
            (second.id, "U3", "They compare numerators"),
        ]


async def test_a_step_and_a_run_are_saved_as_they_end(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        team, run, first, _ = await seed_run(uow)
        await uow.commit()
    longer = replace(first, minutes=7, ends_at=first.ends_at + timedelta(minutes=2))
    ended = replace(longer, ended_at=at(14), ended=StepEnd.SKIPPED)
    done = replace(run, status=RunStatus.DONE, ended_at=at(30))
    async with uow_factory() as uow:
        await uow.protocol_runs.save_step(ended)
        await uow.protocol_runs.save(done)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.protocol_runs.step(A, first.id) == ended
        assert await uow.protocol_runs.get(A, run.id) == done
        assert await uow.protocol_runs.running(A, team.id) is None


async def test_a_team_runs_one_protocol_at_a_time(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        team, run, _, _ = await seed_run(uow)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.protocol_runs.add(a_run(team))
    async with uow_factory() as uow:
        await uow.protocol_runs.save(replace(run, status=RunStatus.STOPPED, ended_at=at(5)))
        again = await uow.protocol_runs.add(a_run(team))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.protocol_runs.running(A, team.id) == again


async def test_a_step_position_is_reached_once(uow_factory: SqlUnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        _, run, _, _ = await seed_run(uow)
        await uow.commit()
    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.protocol_runs.add_step(a_step(run, 2))


async def test_the_notes_of_a_session_s_runs_read_back_step_by_step_for_its_minutes(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team, run, first, second = await seed_run(uow)
        await uow.protocol_runs.save(replace(run, status=RunStatus.DONE, ended_at=at(30)))
        elsewhere = await uow.protocol_runs.add(a_run(team))  # no session open
        await uow.protocol_runs.add_step(a_step(elsewhere, 1))
        await uow.commit()
    assert run.session_id is not None
    async with uow_factory() as uow:
        found = await uow.protocol_runs.notes_for_session(A, run.session_id)
        ended = replace(run, status=RunStatus.DONE, ended_at=at(30))
    assert [(f.run, f.step) for f in found] == [(ended, first), (ended, second)]
    assert [[n.text for n in f.notes] for f in found] == [
        ["Most errors above one ✓"],
        ["They compare numerators"],
    ]
    assert all(isinstance(f, StepNotes) for f in found)


async def test_another_community_reads_nothing_and_cannot_write_under_a_run(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        _team, run, first, _ = await seed_run(uow)
        other = await seed_team(uow, B)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.protocol_runs.get(B, run.id) is None
        assert await uow.protocol_runs.running(B, other.id) is None
        assert await uow.protocol_runs.step(B, first.id) is None
        assert list(await uow.protocol_runs.steps_of(B, run.id)) == []
        assert list(await uow.protocol_runs.notes_of(B, run.id)) == []
        with pytest.raises(LookupError):
            await uow.protocol_runs.add_note(replace(a_note(first, "U9", "x", 1), community_id=B))


async def test_forgetting_a_person_takes_their_notes_and_keeps_the_run_as_the_team_s(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        _team, run, _, _ = await seed_run(uow)
        await uow.commit()
    async with uow_factory() as uow:
        removed = await uow.rights.forget_person(A, "U2")
        gone_starter = await uow.rights.forget_person(A, "U1")
        await uow.commit()
    assert removed["protocol_notes"] == 1 and gone_starter["protocol_notes"] == 0
    async with uow_factory() as uow:
        notes = await uow.protocol_runs.notes_of(A, run.id)
        assert [n.author_id for n in notes] == ["U3"]
        kept = await uow.protocol_runs.get(A, run.id)
        assert kept is not None and kept.started_by == "forgotten"


async def test_purging_a_community_takes_its_runs_steps_and_notes(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        _, _run, _, _ = await seed_run(uow)
        await uow.commit()
    async with uow_factory() as uow:
        removed = await uow.rights.purge_community(A)
        await uow.commit()
    assert (removed["protocol_runs"], removed["protocol_steps"], removed["protocol_notes"]) == (
        1,
        2,
        2,
    )


async def test_a_person_s_own_notes_read_back_with_their_step_and_run_for_their_export(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        _, run, first, _ = await seed_run(uow)
        await uow.commit()
    async with uow_factory() as uow:
        mine = await uow.protocol_runs.notes_by(A, "U2")
        assert await uow.protocol_runs.notes_by(B, "U2") == []
    assert [(m.run.id, m.step, [n.text for n in m.notes]) for m in mine] == [
        (run.id, first, ["Most errors above one ✓"])
    ]


async def test_a_step_whose_time_ran_out_is_due_a_nudge_claimed_once(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        team, run, first, second = await seed_run(uow)  # ends at(15) and at(25)
        await uow.protocol_runs.save_step(replace(first, ended_at=at(12), ended=StepEnd.NEXT))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.protocol_runs.due_nudges(at(24), at(0), 10) == []
        due = await uow.protocol_runs.due_nudges(at(26), at(11), 10)
        assert [(s.id, r.id, t.id) for s, r, t in due] == [(second.id, run.id, team.id)]
        assert await uow.protocol_runs.due_nudges(at(60), at(45), 10) == []  # too late
        assert await uow.protocol_runs.claim_nudge(second, at(26))
        await uow.commit()
    async with uow_factory() as uow:
        assert not await uow.protocol_runs.claim_nudge(second, at(27))
        assert await uow.protocol_runs.due_nudges(at(26), at(11), 10) == []
        step = await uow.protocol_runs.step(A, second.id)
        assert step is not None and step.nudged_at == at(26)
