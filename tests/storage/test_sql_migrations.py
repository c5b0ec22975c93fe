"""The migrations are the schema: they build exactly what storage/tables.py declares."""

from __future__ import annotations

import asyncio
import io
import re
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, ForeignKeyConstraint, Index, PrimaryKeyConstraint, inspect
from sqlalchemy import UniqueConstraint as Unique

from storage.engine import make_engine
from storage.installation_tables import installation_metadata
from storage.migrate import alembic_config, current_revision, head_revision, upgrade, upgrade_sync
from storage.tables import metadata
from tests.storage.databases import run_sync_on


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "compare_server_default": True,
        },
    )
    # storage owns every table: the community-owned ones and the platform installations
    return list(compare_metadata(context, [metadata, installation_metadata]))


async def test_the_migrations_build_exactly_the_schema_of_the_models(
    empty_database_url: str,
) -> None:
    await upgrade(empty_database_url)
    assert await run_sync_on(empty_database_url, _differences) == []


def _predicate(where: Any) -> str:
    """'(closed_at IS NULL)' and 'closed_at IS NULL' are one predicate."""
    return re.sub(r"[()\s]+", " ", str(where)).strip().lower()


def _database_facts(connection: Connection) -> tuple[set[Any], set[Any]]:
    inspector = inspect(connection)
    partial, actions = set(), set()
    for table in metadata.tables:
        for index in inspector.get_indexes(table):
            options = index.get("dialect_options", {})
            where = options.get("postgresql_where") or options.get("sqlite_where")
            if where is not None:
                partial.add((table, index["name"], _predicate(where)))
        for fk in inspector.get_foreign_keys(table):
            ondelete = (fk.get("options") or {}).get("ondelete")
            actions.add((table, fk["name"], ondelete))
    return partial, actions


def _model_facts(dialect: str) -> tuple[set[Any], set[Any]]:
    partial, actions = set(), set()
    for table in metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options[dialect]["where"]
            if where is not None:
                partial.add((table.name, index.name, _predicate(where)))
        for fk in table.foreign_key_constraints:
            actions.add((table.name, fk.name, fk.ondelete))
    return partial, actions


async def test_the_migrations_make_the_partial_indexes_and_delete_rules_of_the_models(
    empty_database_url: str,
) -> None:
    """compare_metadata does not look at index predicates or ON DELETE; this does."""
    await upgrade(empty_database_url)
    dialect = "postgresql" if empty_database_url.startswith("postgresql") else "sqlite"
    partial, actions = await run_sync_on(empty_database_url, _database_facts)
    assert (partial, actions) == _model_facts(dialect)
    # The rules the core relies on, named, so that dropping one from both sides fails too.
    assert partial >= {
        ("sessions", "uq_sessions_open_team_id", "closed_at is null"),
        ("checkins", "uq_checkins_session_id_user_id", "session_id is not null"),
        (
            "reflections",
            "uq_reflections_community_id_delivery_id_user_id",
            "delivery_id is not null",
        ),
    }
    assert actions >= {
        ("audit_log", "fk_audit_log_community_id_team_id_teams", "CASCADE"),
        ("audit_log", "fk_audit_log_community_id_communities", "CASCADE"),
        ("reflections", "fk_reflections_delivery_id_prompt_deliveries", "SET NULL"),
    }


async def test_a_new_database_has_no_revision_and_a_migrated_one_is_at_head(
    empty_database_url: str,
) -> None:
    assert await current_revision(empty_database_url) is None
    await upgrade(empty_database_url)
    assert await current_revision(empty_database_url) == head_revision() == "0022_panel"


async def test_upgrading_an_up_to_date_database_changes_nothing(empty_database_url: str) -> None:
    await upgrade(empty_database_url)
    await upgrade(empty_database_url)
    assert await current_revision(empty_database_url) == head_revision()
    assert await run_sync_on(empty_database_url, _differences) == []


async def test_downgrading_to_base_removes_every_table(empty_database_url: str) -> None:
    await upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
    finally:
        await engine.dispose()
    tables = await run_sync_on(empty_database_url, lambda c: set(inspect(c).get_table_names()))
    assert tables <= {"alembic_version"}
    assert await current_revision(empty_database_url) is None


async def test_upgrade_sync_works_even_from_inside_a_running_event_loop(
    empty_database_url: str,
) -> None:
    upgrade_sync(empty_database_url)
    assert await current_revision(empty_database_url) == head_revision()


async def test_alembic_given_only_a_url_migrates_too(empty_database_url: str) -> None:
    """The path Alembic's command line takes: env.py makes its own engine from the URL."""
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", empty_database_url.replace("%", "%%"))
    await asyncio.to_thread(command.upgrade, config, "head")
    assert await current_revision(empty_database_url) == head_revision()
    assert await run_sync_on(empty_database_url, _differences) == []


@pytest.mark.parametrize(
    "url", ["sqlite+aiosqlite:///offline.sqlite3", "postgresql+asyncpg://nobody@nowhere/offline"]
)
def test_the_migrations_can_be_written_out_as_sql_for_a_dba(url: str) -> None:
    buffer = io.StringIO()
    config = alembic_config()
    config.output_buffer = buffer
    config.attributes["url"] = url
    command.upgrade(config, "head", sql=True)
    script = " ".join(buffer.getvalue().split())
    assert (
        "CREATE UNIQUE INDEX uq_sessions_open_team_id ON sessions (team_id) WHERE closed_at IS NULL"
        in script
    )
    assert (
        "CREATE UNIQUE INDEX uq_reflections_community_id_delivery_id_user_id ON reflections"
        " (community_id, delivery_id, user_id) WHERE delivery_id IS NOT NULL" in script
    )
    # alembic_version; SQLite's table copies (a column made nullable) are not new tables.
    copies = script.count("CREATE TABLE _alembic_tmp_")
    every = len(metadata.tables) + len(installation_metadata.tables)
    assert script.count("CREATE TABLE") - copies == every + 1


def test_every_community_owned_table_has_an_index_that_leads_with_community_id() -> None:
    for table in metadata.tables.values():
        if table.name == "communities":
            continue
        assert not table.c.community_id.nullable, table.name
        leading = [
            next(iter(item.columns)).name
            for item in [*table.indexes, *table.constraints]
            if isinstance(item, Index | Unique | PrimaryKeyConstraint) and item.columns
        ]
        assert "community_id" in leading, table.name
        if table.name == "processed_events":
            continue  # claimed before the community row exists: no foreign key (see tables.py)
        assert any(
            isinstance(fk, ForeignKeyConstraint)
            and [c.name for c in fk.columns] == ["community_id"]
            and fk.elements[0].target_fullname == "communities.id"
            and fk.ondelete == "CASCADE"
            for fk in table.foreign_key_constraints
        ), table.name
