"""The SQLite driver (storage/sqlite_driver.py): each hand-over to the connection's worker thread
costs more CPU than a small statement, so a request makes as few as its statements allow, with
the same results and the same transaction as SQLAlchemy's own adapter."""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiosqlite.core
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage import sqlite_checkpoints
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text
from tests.storage.samples import community

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@contextmanager
def hand_overs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The calls the event loop hands to SQLite's worker thread."""
    seen: list[str] = []
    real = aiosqlite.core.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(fn, "__name__", repr(fn)))
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", counted)
    yield seen
    monkeypatch.undo()


async def test_a_checkin_hands_nothing_over_to_the_worker_thread(
    uow_factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    assert (await h.say("tia", "/plc checkin 3")).ok
    with hand_overs(monkeypatch) as seen:
        outcome = await h.bot.command(h.actor("tia"), "/plc checkin 4", event_key="trigger-1")
    assert outcome.ok
    # BEGIN IMMEDIATE takes the free write lock in the event loop's thread, the four
    # statements (who and where, the open session, the check-in, the claim) run there
    # (storage/direct.py), and so does the commit, which no longer checkpoints; no rollback
    # after the commit. SQLAlchemy's own adapter made twenty hand-overs: a cursor, the
    # statement, the rows and the close, each apart.
    assert seen == [], seen


async def test_a_unit_of_work_waits_for_a_write_lock_another_process_holds_a_moment(
    uow_factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    path = uow_factory.engine.url.database or ""
    other_process = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other_process.execute("BEGIN IMMEDIATE")  # holds the write lock
    asyncio.get_running_loop().call_later(0.3, other_process.execute, "ROLLBACK")
    try:
        with hand_overs(monkeypatch) as seen:
            assert (await h.say("tia", "/plc checkin 4")).ok  # waited, in the worker thread
        assert seen[0] == "_begin_immediate", seen
    finally:
        other_process.close()
    async with uow_factory.engine.connect() as connection:  # the wait is as long as before
        timeout = await connection.exec_driver_sql("PRAGMA busy_timeout")
        assert timeout.scalar() == 5000


async def test_what_a_unit_of_work_wrote_is_there_after_commit_and_gone_after_rollback(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:  # nothing read or written: nothing to commit
        await uow.commit()
    async with uow_factory() as uow:
        await uow.communities.add(community("slack:T1"))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.communities.add(community("slack:T2"))  # rolled back on leaving the block
    async with uow_factory() as uow:
        assert await uow.communities.get("slack:T1") is not None
        assert await uow.communities.get("slack:T2") is None


async def test_rows_counts_and_errors_are_the_drivers_own(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
        many = await connection.execute(
            text("INSERT INTO t (v) VALUES (:v)"), [{"v": "a"}, {"v": "b"}, {"v": "c"}]
        )
        assert many.rowcount == 3
        one = await connection.execute(text("INSERT INTO t (v) VALUES ('d')"))
        assert one.lastrowid == 4 and one.rowcount == 1
        changed = await connection.execute(text("UPDATE t SET v = 'x' WHERE id > 2"))
        assert changed.rowcount == 2
        rows = await connection.execute(text("SELECT id, v FROM t ORDER BY id"))
        assert [tuple(row) for row in rows] == [(1, "a"), (2, "b"), (3, "x"), (4, "x")]
        with pytest.raises(IntegrityError):
            await connection.execute(text("INSERT INTO t (id, v) VALUES (1, 'again')"))
        # SQLite undid that statement alone; the transaction goes on
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 4
    async with uow_factory.engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 4


def _size(path: str) -> int:
    return os.stat(path).st_size


def _count(path: str, table: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def test_a_commit_the_disk_refuses_saves_nothing_says_so_and_the_next_one_saves(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    path = uow_factory.engine.url.database or ""
    assert (await h.say("tia", "/plc checkin 3")).ok
    saved = _count(path, "checkins")
    # The disk is full: no file of this process may grow past the write-ahead log's size,
    # so the commit, which appends the transaction's pages to the log, is refused (EFBIG;
    # Python ignores SIGXFSZ).
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (_size(path + "-wal"), limits[1]))
    try:
        refused = await h.say("uma", "/plc checkin 4")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
    assert not refused.ok
    assert "nothing was saved" in reply_text(refused)
    assert _count(path, "checkins") == saved  # rolled back, in this process as in another
    assert (await h.say("uma", "/plc checkin 4")).ok  # the connection goes on
    assert _count(path, "checkins") == saved + 1


async def test_sqlite_itself_never_checkpoints_in_a_commit(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    async with uow_factory.engine.connect() as connection:
        every = await connection.exec_driver_sql("PRAGMA wal_autocheckpoint")
        assert every.scalar() == 0


async def test_the_database_file_holds_the_checkins_once_enough_commits_went_by(
    uow_factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sqlite_checkpoints, "EVERY", 5)
    await uow_factory.dispose()  # the next connection counts to 5
    h = Harness(uow_factory)
    await h.team_with_facilitator()
    path = uow_factory.engine.url.database or ""
    for n in range(12):
        assert (await h.say(f"u{n}", "/plc checkin 4")).ok
    # The checkpoint runs in a thread of its own; one still running when the next one's turn
    # comes starts none, and a later commit starts it: on a loaded machine the 12 check-ins
    # may need a few more commits after them (CI once saw 7 of them copied and no more).
    for n in range(40):
        if await _file_holds(path, tmp_path, 10):
            break
        assert (await h.say(f"v{n}", "/plc checkin 4")).ok
    assert await _file_holds(path, tmp_path, 10)


async def _file_holds(path: str, tmp_path: Path, checkins: int) -> bool:
    """Whether the database file alone (without its log) holds `checkins` check-ins within
    a quarter of a second."""
    for _ in range(25):
        await asyncio.sleep(0.01)
        shutil.copyfile(path, tmp_path / "alone.sqlite3")
        if _count(str(tmp_path / "alone.sqlite3"), "checkins") >= checkins:
            return True
    return False


COMMITS = 3000


async def test_commits_back_to_back_keep_the_write_ahead_log_from_growing_without_end(
    uow_factory: SqlUnitOfWorkFactory,
) -> None:
    """The checkpoint thread never finds the log idle while commits come back to back, so the
    log never started over: 3,000 commits of 2 KB grew it to 25 MB (and it kept growing).
    How far it grows before the log starts over depends on when the checkpoint thread gets a
    core and the disk (a busy machine let it reach 15 MB once); what must hold is that it
    does start over, and then the file is kept within journal_size_limit."""
    engine = uow_factory.engine
    path = Path(engine.url.database or "")
    async with engine.begin() as connection:
        await connection.exec_driver_sql("CREATE TABLE notes (body BLOB)")

    async def note() -> None:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("INSERT INTO notes VALUES (randomblob(2000))")

    for _ in range(COMMITS):
        await note()
    wal = path.with_name(path.name + "-wal")
    extra = 0
    still = time.monotonic() + 10.0  # back to back still: a pause would let it start over
    while wal.stat().st_size > sqlite_checkpoints.SIZE_LIMIT and time.monotonic() < still:
        await note()
        extra += 1
    assert wal.stat().st_size <= sqlite_checkpoints.SIZE_LIMIT, (wal.stat().st_size, extra)
    async with engine.connect() as connection:
        count = await connection.exec_driver_sql("SELECT count(*) FROM notes")
        assert count.scalar() == COMMITS + extra
