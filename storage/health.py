"""What the operations listener asks of the database: is it reachable and at the newest
migration, and how many of the pool's connections are in use."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from storage.migrate import _current_revision, head_revision

READY_WITHIN = 3.0  # seconds a readiness check may wait for a connection and its answer


async def database_problem(engine: AsyncEngine) -> str | None:
    """None when the database answers and is at the head migration; otherwise why not (no
    address, no password: the operator reads it in a readiness probe's answer)."""
    try:
        async with asyncio.timeout(READY_WITHIN):
            async with engine.connect() as connection:
                at = await connection.run_sync(_current_revision)
    except TimeoutError:
        return "the database did not answer within 3 s"
    except Exception as e:  # any driver's refusal: the kind of failure, never its details
        return f"the database is not reachable ({type(e).__name__})"
    head = head_revision()
    if at is None:
        return "the database has no tables yet: run `plcbot db upgrade`"
    if at != head:
        return f"the database is at migration {at}, not {head}: run `plcbot db upgrade`"
    return None


def pool_in_use(engine: AsyncEngine) -> int:
    """Connections checked out of the pool now (0 for a pool that does not count)."""
    checked_out = getattr(engine.pool, "checkedout", None)
    return int(checked_out()) if callable(checked_out) else 0
