"""What a unit of work's repositories share: its connection, in a transaction, on SQLAlchemy
Core; what it keeps for the transaction (`info`); and an ORM session over that connection, made
only when a repository needs one.

A request's statements run on the connection itself (storage/direct.py, storage/repository.py);
the ORM session is for the rarer writes through the ORM (a guarded insert, an upsert). An ORM
session around every unit of work cost about a hundred Python calls per request on its own
(its transaction's bookkeeping at begin, commit and close, each a trip through SQLAlchemy's
greenlet bridge); here taking the connection and beginning is one trip, and so is committing
and giving it back.

A commit or a rollback ends the transaction and gives the connection back to the pool; the
next statement of the same unit of work takes one again and begins anew (a unit of work may
commit several times: the retention job commits per community)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.util import greenlet_spawn

from storage.direct import DRIVER
from storage.prefetch import PREFETCHED


class Transaction:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.info: dict[Any, Any] = {}
        self.connection: AsyncConnection | None = None  # None between transactions
        self.orm: AsyncSession | None = None  # made on first use in each transaction

    async def connect(self) -> AsyncConnection:
        """The transaction's connection: a new one, begun, when none is open."""
        connection = self.connection
        if connection is None:
            sync = await greenlet_spawn(_connect_and_begin, self.engine.sync_engine)
            connection = self.connection = AsyncConnection(self.engine, sync)
        return connection

    @property
    def session(self) -> AsyncSession:
        """The ORM session over the transaction's connection (open: a repository's public
        methods make sure of that, storage/repository.py); it joins the transaction and never
        ends it: the unit of work commits or rolls back the connection's."""
        if self.orm is None:
            assert self.connection is not None, "no transaction open"
            self.orm = AsyncSession(
                bind=self.connection, expire_on_commit=False, join_transaction_mode="rollback_only"
            )
        return self.orm

    async def commit(self) -> None:
        """Flush what the ORM session holds, commit, and give the connection back."""
        orm, connection = self._end()
        if connection is not None:
            session = orm.sync_session if orm is not None else None
            await greenlet_spawn(_commit, session, connection.sync_connection)

    async def close(self) -> None:
        """Roll back whatever is not committed, and give the connection back."""
        orm, connection = self._end()
        if connection is not None:
            session = orm.sync_session if orm is not None else None
            await greenlet_spawn(_close, session, connection.sync_connection)

    def _end(self) -> tuple[AsyncSession | None, AsyncConnection | None]:
        orm, connection = self.orm, self.connection
        self.orm = self.connection = None
        info = self.info  # forget what was kept for the transaction
        info.pop(DRIVER, None)
        info.pop(PREFETCHED, None)
        return orm, connection


def _connect_and_begin(engine: Engine) -> Connection:
    connection = engine.connect()
    try:
        connection.begin()
    except BaseException:
        connection.close()
        raise
    return connection


def _commit(session: Session | None, connection: Connection) -> None:
    try:
        if session is not None:
            session.commit()  # flushes; the connection's transaction is not the session's
        connection.commit()
    finally:
        _close(session, connection)  # after a failed commit: rolled back


def _close(session: Session | None, connection: Connection) -> None:
    try:
        if session is not None:
            session.close()
    finally:
        connection.close()  # rolls back a transaction still open, then back to the pool
