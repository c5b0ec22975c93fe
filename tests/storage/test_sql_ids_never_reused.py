"""Ids that posts and buttons carry (sessions, prompts sent, reflections) are never given to
a new row once deleted, on SQLite and PostgreSQL, and migration 0008 keeps every row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, text

from storage.migrate import upgrade
from storage.tables import metadata
from storage.uow import SqlUnitOfWorkFactory
from tests.storage.databases import run_sync_on
from tests.storage.samples import T0, A, at, delivery, reflection, seed_team, session


def _delete_everything_of_team_1(connection: Connection) -> None:
    for table in ("reflections", "prompt_deliveries", "sessions"):
        connection.execute(text(f"DELETE FROM {table}"))


async def test_a_deleted_session_prompt_or_reflection_id_is_never_given_to_a_new_one(
    uow_factory: SqlUnitOfWorkFactory, database_url: str
) -> None:
    async with uow_factory() as uow:
        t = await seed_team(uow)
        old_session = await uow.sessions.add(session(t, closed_at=at(5)))
        old_delivery = await uow.deliveries.add(delivery(t, session_id=old_session.id))
        old_reflection = await uow.reflections.add(reflection(t, delivery_id=old_delivery.id))
        await uow.commit()
    await run_sync_on(database_url, _delete_everything_of_team_1)
    async with uow_factory() as uow:
        new_session = await uow.sessions.add(session(t))
        new_delivery = await uow.deliveries.add(delivery(t, session_id=new_session.id))
        new_reflection = await uow.reflections.add(reflection(t, delivery_id=new_delivery.id))
        await uow.commit()
    assert new_session.id > old_session.id
    assert new_delivery.id > old_delivery.id
    assert new_reflection.id > old_reflection.id


communities, teams, sessions, deliveries, reflections, checkins = (
    metadata.tables[name]
    for name in (
        "communities",
        "teams",
        "sessions",
        "prompt_deliveries",
        "reflections",
        "checkins",
    )
)


def _history_at_0006(connection: Connection) -> dict[str, int]:
    """A closed session with a check-in, its closing prompt and an answer; ids drawn by the
    database, as in life (PostgreSQL's sequences only know the ids they gave)."""

    def add(table: Any, **values: Any) -> int:
        return int(connection.execute(insert(table).returning(table.c.id), values).scalar_one())

    connection.execute(
        insert(communities).values(id=A, platform="slack", external_id="TA", created_at=T0)
    )
    team = add(
        teams, community_id=A, channel_id="C1", name="Grade 4 math", timezone="UTC",
        language="en", stage="analyze", cycle=1, stage_started_at=T0, created_at=T0,
        created_by="U1",
    )  # fmt: skip
    met = add(
        sessions, community_id=A, team_id=team, topic="Fractions", stage="analyze",
        opened_by="U1", opened_at=T0, closed_at=at(50),
    )  # fmt: skip
    add(checkins, community_id=A, team_id=team, session_id=met, user_id="U2", score=4, at=at(1))
    sent = add(
        deliveries, community_id=A, team_id=team, prompt_id="analyze-1", stage="analyze",
        sent_at=at(40), kind="closing", session_id=met,
    )  # fmt: skip
    answer = add(
        reflections, community_id=A, team_id=team, user_id="U2", text="…", visibility="team",
        created_at=at(45), delivery_id=sent,
    )  # fmt: skip
    return {"team": team, "session": met, "delivery": sent, "reflection": answer}


def _links(connection: Connection) -> tuple[Any, ...]:
    return (
        connection.execute(select(checkins.c.session_id)).scalar_one(),
        connection.execute(select(deliveries.c.session_id)).scalar_one(),
        connection.execute(select(reflections.c.delivery_id)).scalar_one(),
        connection.execute(select(func.count()).select_from(sessions)).scalar_one(),
    )


def _delete_and_add_a_reflection(team: int) -> Any:
    def work(connection: Connection) -> int:
        connection.execute(reflections.delete())
        new = insert(reflections).values(
            community_id=A, team_id=team, user_id="U3", text="…", visibility="team",
            created_at=at(60),
        )  # fmt: skip
        return int(connection.execute(new.returning(reflections.c.id)).scalar_one())

    return work


async def test_migration_0008_keeps_every_row_and_link_and_then_never_reuses_an_id(
    empty_database_url: str,
) -> None:
    await upgrade(empty_database_url, "0006")
    ids = await run_sync_on(empty_database_url, _history_at_0006)
    await upgrade(empty_database_url)
    expected = (ids["session"], ids["session"], ids["delivery"], 1)
    assert await run_sync_on(empty_database_url, _links) == expected
    new = await run_sync_on(empty_database_url, _delete_and_add_a_reflection(ids["team"]))
    assert new > ids["reflection"]
