"""What a request costs on the wire to PostgreSQL, and that a connection the server dropped
while it sat in the pool is still replaced before a request uses it.

The pool used to ping every connection it handed out (SQLAlchemy's pool_pre_ping: on asyncpg a
BEGIN, an empty query and a ROLLBACK, three round trips before every unit of work). It now pings
only a connection that sat unused for a while (storage/engine.py, PING_IDLE_SECONDS): one that
was in use a moment ago is alive as far as anyone can know without asking."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from storage import engine as engine_module
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness
from tests.reliability.pg_link import PgLink
from tests.reliability.support import bounded
from tests.storage.test_sql_report_reads import statements

pytestmark = pytest.mark.postgres


@pytest.fixture
async def factory(link: PgLink) -> AsyncIterator[SqlUnitOfWorkFactory]:
    factory = SqlUnitOfWorkFactory(make_engine(link.url))
    yield factory
    await factory.dispose()


@bounded(20)
async def test_a_checkin_right_after_another_request_costs_only_its_statements_begin_and_commit(
    link: PgLink, factory: SqlUnitOfWorkFactory
) -> None:
    h = Harness(factory)
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc checkin 3")).ok  # tia joins; the pool's connection is warm
    before = link.round_trips
    with statements(factory) as seen:
        outcome = await h.bot.command(h.actor("tia"), "/plc checkin 4", event_key="trigger-1")
    assert outcome.ok
    # BEGIN, each statement (savepoints included), COMMIT: no ping of a connection in use
    assert link.round_trips - before == len(seen) + 2, seen


@bounded(20)
async def test_a_pooled_connection_the_server_dropped_while_idle_is_replaced_before_use(
    link: PgLink, factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "PING_IDLE_SECONDS", 0.2)
    h = Harness(factory)
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc checkin 3")).ok
    await asyncio.sleep(0.3)  # the pooled connection sits unused
    link.cut()  # as a restart of the server does: every open connection is dropped
    await link.restore()
    connections = link.connections
    assert (await h.say("tia", "/plc checkin 4")).ok  # pinged, found dead, replaced
    assert link.connections > connections
