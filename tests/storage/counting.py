"""Counting rows with raw SQL over every table of the metadata, to check what a delete left.

Every table must be known here: either its rows belong to a person (it has one of
PERSON_COLUMNS) or they belong to no one person (NO_ONES). A table added later that is
neither makes the data-rights tests fail until someone decides whether forget must reach it.
"""

from __future__ import annotations

from sqlalchemy import Table, text

from storage.engine import make_engine
from storage.tables import metadata

# The column that names whose row it is.
PERSON_COLUMNS = ("user_id",)

# Columns that only say who did something to a row that is the team's or the district's;
# forget replaces the id there, so no row names the person afterwards.
ATTRIBUTION_COLUMNS = (
    "reader_id",
    "created_by",
    "opened_by",
    "changed_by",
    "marked_by",
    "confirmed_by",
    "written_by",
    "done_by",
    "reviewer_id",
    "assigned_by",
    "started_by",
)

# Rows of the community or of a team (who made them may be noted, but they are the team's).
NO_ONES = frozenset(
    {
        "communities",
        "teams",
        "stage_changes",
        "sessions",
        "prompt_deliveries",
        "schedules",
        "schedule_runs",
        "calendar_breaks",
        "processed_events",
        "audit_log",  # the district's record of who read what; the reader is anonymised
        "pending_withdrawals",  # where a forgotten person's shared post is; no id, no text
        "team_prompts",  # a team's own prompts; who added one is not kept
        "agenda_items",  # a meeting's plan, decisions and minutes are the team's
        "decisions",
        "session_minutes",
        "protocol_runs",  # a run the team did, and its steps; notes are their author's
        "protocol_steps",
    }
)


def whose(table: Table) -> str | None:
    """The column naming the person a row of the table belongs to; None for NO_ONES."""
    columns = [name for name in PERSON_COLUMNS if name in table.c]
    assert len(columns) <= 1, f"{table.name}: which of {columns} names the row's person?"
    if table.name in NO_ONES:
        assert not columns, f"{table.name} has {columns}: are its rows someone's after all?"
        return None
    assert columns, f"{table.name}: is it someone's (add its column) or no one's (NO_ONES)?"
    return columns[0]


def community_column(table: Table) -> str:
    if table.name == "communities":
        return "id"
    assert "community_id" in table.c, f"{table.name} cannot be told apart by community"
    return "community_id"


async def _count(url: str, where: dict[str, str], **params: object) -> dict[str, int]:
    """For each table named, how many of its rows match its condition."""
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            counts = {}
            for name, condition in where.items():
                query = text(f'SELECT count(*) FROM "{name}" WHERE {condition}')
                counts[name] = int(await connection.scalar(query, params) or 0)
            return counts
    finally:
        await engine.dispose()


async def every_row(url: str) -> dict[str, int]:
    """Every table: all its rows."""
    return await _count(url, {name: "1 = 1" for name in metadata.tables})


async def rows_of_community(url: str, community_id: str) -> dict[str, int]:
    """Every table: the rows of that community."""
    where = {t.name: f"{community_column(t)} = :c" for t in metadata.tables.values()}
    return await _count(url, where, c=community_id)


async def attributions_of_person(url: str, community_id: str, user_id: str) -> dict[str, int]:
    """Rows of no one person that still name them as who did something."""
    where = {
        f"{t.name}.{column}": (t.name, f"{community_column(t)} = :c AND {column} = :u")
        for t in metadata.tables.values()
        for column in ATTRIBUTION_COLUMNS
        if column in t.c
    }
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return {
                key: int(
                    await connection.scalar(
                        text(f'SELECT count(*) FROM "{name}" WHERE {cond}'),
                        {"c": community_id, "u": user_id},
                    )
                    or 0
                )
                for key, (name, cond) in where.items()
            }
    finally:
        await engine.dispose()


async def rows_of_person(url: str, community_id: str, user_id: str) -> dict[str, int]:
    """Every table whose rows are someone's: that person's rows in that community."""
    where = {
        t.name: f"community_id = :c AND {column} = :u"
        for t in metadata.tables.values()
        if (column := whose(t)) is not None
    }
    return await _count(url, where, c=community_id, u=user_id)
