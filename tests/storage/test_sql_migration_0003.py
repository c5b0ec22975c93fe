"""Migration 0003 on a database that already holds a community's history."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, func, insert, inspect, select

from storage.migrate import alembic_config, current_revision, upgrade
from storage.tables import metadata
from tests.storage.databases import run_sync_on
from tests.storage.samples import T0, A, at

communities, teams, deliveries, reflections = (
    metadata.tables[name] for name in ("communities", "teams", "prompt_deliveries", "reflections")
)


def _history_at_0002(connection: Connection) -> None:
    """Rows as 0002 knew them: no removed_at, and a person who answered a prompt twice."""
    connection.execute(
        insert(communities).values(id=A, platform="slack", external_id="TA", created_at=T0)
    )
    connection.execute(
        insert(teams).values(
            id=1, community_id=A, channel_id="C1", name="Grade 4 math", timezone="UTC",
            language="en", stage="analyze", cycle=1, stage_started_at=T0, created_at=T0,
            created_by="U1",
        )
    )  # fmt: skip
    connection.execute(
        insert(deliveries).values(
            id=1, community_id=A, team_id=1, prompt_id="analyze-1", stage="analyze",
            sent_at=T0, kind="reflection",
        )
    )  # fmt: skip
    for reflection_id, user_id, minutes in ((1, "U2", 1), (2, "U2", 2), (3, "U3", 3), (4, "U2", 4)):
        connection.execute(
            insert(reflections).values(
                id=reflection_id, community_id=A, team_id=1, user_id=user_id, text="…",
                visibility="facilitators", created_at=at(minutes), delivery_id=1,
            )
        )  # fmt: skip


async def test_upgrading_keeps_every_answer_and_links_only_the_latest_to_its_prompt(
    empty_database_url: str,
) -> None:
    await upgrade(empty_database_url, "0002")
    await run_sync_on(empty_database_url, _history_at_0002)
    await upgrade(empty_database_url, "0003")
    assert await current_revision(empty_database_url) == "0003"
    links = await run_sync_on(
        empty_database_url,
        lambda c: c.execute(
            select(reflections.c.id, reflections.c.delivery_id).order_by(reflections.c.id)
        ).all(),
    )
    assert [tuple(row) for row in links] == [(1, None), (2, None), (3, 1), (4, 1)]
    removed = await run_sync_on(
        empty_database_url, lambda c: c.scalar(select(communities.c.removed_at))
    )
    assert removed is None


async def test_downgrading_0003_drops_the_new_column_but_no_community_data(
    empty_database_url: str,
) -> None:
    """On SQLite a table copy of communities would cascade into every row it owns."""
    await upgrade(empty_database_url, "0002")
    await run_sync_on(empty_database_url, _history_at_0002)
    await upgrade(empty_database_url)
    await run_sync_on(empty_database_url, lambda c: command.downgrade(alembic_config(c), "0002"))
    assert await current_revision(empty_database_url) == "0002"
    assert await run_sync_on(empty_database_url, _rows) == {
        "communities": 1,
        "teams": 1,
        "prompt_deliveries": 1,
        "reflections": 4,
    }
    columns = await run_sync_on(empty_database_url, lambda c: inspect(c).get_columns("communities"))
    assert "removed_at" not in {column["name"] for column in columns}


def _rows(connection: Connection) -> dict[str, int]:
    tables = (communities, teams, deliveries, reflections)
    return {
        t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0) for t in tables
    }
