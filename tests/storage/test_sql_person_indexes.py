"""A person's rows are found through an index on (community_id, user_id), not by reading the
whole district's: a teacher's export, PD hours and `me forget` read their check-ins, attendance
and feedback answers (benchmarks section 5 found each a scan of every row of the community)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage.engine import make_engine

TABLES = ("checkins", "attendances", "pulse_answers")


@pytest.mark.parametrize("table", TABLES)
async def test_a_persons_rows_of_a_table_are_read_through_its_person_index(
    database_url: str, table: str
) -> None:
    query = f"SELECT * FROM {table} WHERE community_id = :c AND user_id = :u"
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                explain = f"EXPLAIN QUERY PLAN {query}"
                rows = await connection.execute(text(explain), {"c": "slack:T1", "u": "U1"})
                plan = " ".join(str(value) for row in rows for value in row)
                assert f"ix_{table}_community_id_user_id" in plan, plan
                return
            # On an empty table PostgreSQL's planner has no statistics to choose between this
            # index and the community's own one (both fit): the index itself must exist.
            rows = await connection.execute(
                text("SELECT indexdef FROM pg_indexes WHERE tablename = :t"), {"t": table}
            )
            defs = [str(row[0]) for row in rows]
    finally:
        await engine.dispose()
    assert any("(community_id, user_id)" in d for d in defs), defs
