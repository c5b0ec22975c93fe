"""The hot paths' statements on the driver (storage/direct.py) give what SQLAlchemy gave: the same
rows with the same Python values (their errors and transaction: the isolation and session tests,
whose inserts run there too); what the context read kept (storage/prefetch.py) is never stale."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC
from typing import Any

import pytest
from sqlalchemy import Select, literal_column, select

from storage import direct
from storage.direct import form_of, once
from storage.prefetch import PREFETCHED
from storage.repository import SqlRepository
from storage.session_repositories import _OPEN_SESSION
from storage.standing_query import STANDING
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.samples import A, delivery, seed_team, session

pytestmark = pytest.mark.sql_only


async def test_a_read_on_the_driver_has_sqlalchemys_rows_and_values(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.sessions.add(session(t, topic="Fractions"))
        await uow.commit()
    reads: list[tuple[Select[Any], dict[str, object]]] = [
        (STANDING, {"community_id": A, "user_id": "U1", "channel_id": "C1"}),
        (_OPEN_SESSION, {"community_id": A, "team_id": t.id}),
    ]
    async with uow_factory() as uow:
        repository: SqlRepository = uow.sessions  # type: ignore[assignment]
        for query, params in reads:
            ran = await repository._direct(query, params)
            assert ran is not None and ran.rows is not None  # it went to the driver
            through_sqlalchemy = (await repository._rows(query, params)).all()
            assert [tuple(row) for row in ran.rows] == [tuple(row) for row in through_sqlalchemy]
            assert ran.rows[0]._fields == tuple(through_sqlalchemy[0]._fields)
        opened = (await uow.sessions.open_for(A, t.id)).opened_at  # type: ignore[union-attr]
        assert opened.tzinfo is UTC  # the column type's own processing, on the driver too


def test_a_statement_sqlalchemy_must_finish_at_execution_is_left_to_it() -> None:
    from sqlalchemy import bindparam, select
    from sqlalchemy.dialects.sqlite.aiosqlite import dialect

    from storage.tables import TeamRow

    expanding = select(TeamRow.id).where(TeamRow.id.in_(bindparam("ids", expanding=True)))
    assert form_of(once(expanding), dialect()) is None
    assert form_of(once(select(TeamRow.id.label("_id"))), dialect()) is None  # not a name
    assert form_of(once(select(TeamRow.id)), dialect()) is not None
    assert form_of(select(TeamRow.id), dialect()) is None  # built per call: not marked once


async def test_reads_built_per_call_keep_nothing_on_the_direct_path(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """A repository read that builds its select on each call goes through SQLAlchemy: the
    direct path's forms (kept for good, with their literal values) do not grow with the calls,
    and on SQLite a list read of any length does not run in the event loop's thread."""
    async with uow_factory() as uow:
        t = await seed_team(uow)
        opened = await uow.sessions.add(session(t))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.checkins.list(A, t.id, since=opened.opened_at)  # whatever a first call compiles
        await uow.sessions.list(A, t.id)
        kept = len(direct._FORMS)
        for n in range(200):
            await uow.checkins.list(A, t.id, since=opened.opened_at)
            await uow.checkins.by_user(A, f"U{n}")
            await uow.sessions.list(A, t.id)
        assert len(direct._FORMS) == kept


async def test_the_open_session_and_prompt_read_with_the_context_are_never_stale(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.communities.standing(A, "U1", "C1")  # keeps: no open session, no prompt
        opened = await uow.sessions.add(session(t))
        assert await uow.sessions.open_for(A, t.id) == opened  # read again after the change
        sent = await uow.deliveries.add(delivery(t))
        assert await uow.deliveries.latest(A, t.id) == sent
        await uow.commit()
    async with uow_factory() as uow:
        await uow.communities.standing(A, "U1", "C1")  # keeps what the database holds
        assert await uow.sessions.open_for(A, t.id) == opened
        assert await uow.deliveries.latest(A, t.id) == sent
        await uow.communities.standing(A, "U1", "C1")
        await uow.sessions.save(replace(opened, closed_at=opened.opened_at))
        assert await uow.sessions.open_for(A, t.id) is None


async def test_what_the_context_read_kept_ends_with_the_transaction_and_any_write(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        await uow.commit()
    for end in ("commit", "rollback", "exit", "write"):
        async with uow_factory() as uow:
            info = uow._open().info
            await uow.communities.standing(A, "U1", "C1")
            assert PREFETCHED in info
            if end == "commit":
                await uow.commit()
            elif end == "rollback":
                await uow.rollback()
            elif end == "write":
                await uow.team_roles.remove(A, t.id, "U9")  # a write through the session
        assert PREFETCHED not in info, end


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_statement_cancelled_on_the_driver_invalidates_its_connection(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """A request cancelled while its statement runs on asyncpg (a shutdown, a client gone):
    the connection, in an unknown state, is not handed to the next unit of work."""
    slow = once(select(literal_column("pg_sleep(2) IS NULL").label("slept")))
    async with uow_factory() as uow:
        repository: SqlRepository = uow.sessions  # type: ignore[assignment]
        connection = await repository._connection()
        running = asyncio.create_task(repository._direct(slow, {}))
        await asyncio.sleep(0.2)  # under way (a cancel sooner must invalidate it as well)
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
        assert connection.invalidated
    async with uow_factory() as uow:  # the next unit of work runs on a sound connection
        assert await uow.communities.get(A) is None


def test_reads_of_a_whole_history_or_of_files_stay_off_the_event_loops_thread() -> None:
    """A team's whole record, its prompts and reflections of every year, a portfolio's files
    (up to 10 MB each): built once, but never on the driver, which on SQLite runs in the event
    loop's thread, where every other request would wait for them (review finding)."""
    from sqlalchemy.dialects.sqlite.aiosqlite import dialect

    from storage import credential_repositories as credentials
    from storage import minutes_repositories as minutes
    from storage import reflection_repositories as reflections

    whole_reads = [
        reflections._REFLECTIONS[False],
        reflections._DELIVERIES[False],
        minutes._KEPT,
        minutes._TEAM_ITEMS,
        minutes._TEAM_ROLES,
        minutes._TEAM_DECISIONS,
        credentials._EVIDENCE,
        credentials._COMMENTS,
    ]
    assert [form_of(q, dialect()) for q in whole_reads] == [None] * len(whole_reads)
    bounded = [reflections._REFLECTIONS[True], reflections._DELIVERIES[True], minutes._DECISIONS]
    assert all(form_of(q, dialect()) is not None for q in bounded)  # a month's, a meeting's
