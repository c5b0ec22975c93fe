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
            else:  # an empty table is cheapest to scan: ask which index it would take
                await connection.execute(text("SET LOCAL enable_seqscan = off"))
                explain = f"EXPLAIN {query}"
            rows = await connection.execute(text(explain), {"c": "slack:T1", "u": "U1"})
            plan = " ".join(str(value) for row in rows for value in row)
    finally:
        await engine.dispose()
    assert f"ix_{table}_community_id_user_id" in plan, plan
