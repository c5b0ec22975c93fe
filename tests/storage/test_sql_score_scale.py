"""The check-in scale is the database's rule too: a direct insert of a score of 0 or 6 (or a
pulse "relevant" of 0 or 6) is refused by SQLite and PostgreSQL alike (migration 0012_rules)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from storage.tables import metadata
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.databases import run_sync_on
from tests.storage.samples import T0, seed_team, session

checkins, pulse_answers = metadata.tables["checkins"], metadata.tables["pulse_answers"]


async def _team_with_session(uow_factory: SqlUnitOfWorkFactory) -> tuple[str, int, int]:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        s = await uow.sessions.add(session(t))
        await uow.commit()
    return t.community_id, t.id, s.id


@pytest.mark.parametrize("score", [0, 6])
async def test_the_database_refuses_a_check_in_score_off_the_scale(
    uow_factory: SqlUnitOfWorkFactory, database_url: str, score: int
) -> None:
    community_id, team_id, session_id = await _team_with_session(uow_factory)
    row = dict(community_id=community_id, team_id=team_id, session_id=session_id, at=T0)

    def insert_score(value: int, user: str) -> Any:
        def work(connection: Connection) -> None:
            connection.execute(insert(checkins).values(**row, user_id=user, score=value))

        return work

    with pytest.raises(IntegrityError):
        await run_sync_on(database_url, insert_score(score, "U2"))
    await run_sync_on(database_url, insert_score(5, "U3"))  # the same insert on the scale is kept
    stored = await run_sync_on(
        database_url, lambda c: c.execute(select(checkins.c.user_id, checkins.c.score)).all()
    )
    assert [tuple(r) for r in stored] == [("U3", 5)]


@pytest.mark.parametrize("relevant", [0, 6])
async def test_the_database_refuses_a_pulse_answer_off_the_scale(
    uow_factory: SqlUnitOfWorkFactory, database_url: str, relevant: int
) -> None:
    community_id, _, session_id = await _team_with_session(uow_factory)
    row = dict(community_id=community_id, session_id=session_id)

    def work(connection: Connection) -> None:
        connection.execute(insert(pulse_answers).values(**row, user_id="U2", relevant=relevant))

    with pytest.raises(IntegrityError):
        await run_sync_on(database_url, work)
    await run_sync_on(
        database_url,
        lambda c: c.execute(insert(pulse_answers).values(**row, user_id="U3", recommend=True)),
    )
