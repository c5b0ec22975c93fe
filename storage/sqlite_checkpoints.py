"""SQLite's write-ahead log copied into the database file off the request path.

A commit in WAL mode appends the transaction's pages to the -wal file; a checkpoint copies
them into the database file, and it is the checkpoint that syncs both files to disk (with
`synchronous=NORMAL` a commit itself never waits for the disk). SQLite's own automatic
checkpoint runs inside the commit that takes the log past 1,000 pages, in the thread that
commits, two fsyncs long: storage/sqlite_driver.py commits in the event loop's thread, so
each of its connections turns the automatic checkpoint off (`wal_autocheckpoint=0`), and
this runs a PASSIVE checkpoint every EVERY commits instead, in a thread of its own, on a
connection of its own. A passive checkpoint takes no lock a writer or a reader waits for:
requests go on committing while it copies, and what it cannot copy yet (pages a reader
still uses) the next one copies. One runs at a time; a commit past EVERY while one runs
starts none, and the next commit starts the next.

Durability is SQLite's with `synchronous=NORMAL` in WAL mode, as before: a committed
transaction survives the program's crash at once, and the power's loss once a checkpoint
after it has synced the log (the automatic checkpoint synced it every 1,000 pages; this,
every EVERY commits, and a check-in writes a few pages); the database is never corrupted.
What an erasure deleted is still copied out of the log at once (storage/uow.py's TRUNCATE
checkpoint after its commit)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor

EVERY = 100  # commits between two checkpoints (a check-in's commit writes 3 to 6 pages)
log = logging.getLogger(__name__)


class Checkpoints:
    """The checkpoints of one database file, counted by the commits of one connection."""

    def __init__(self, path: str, every: int | None = None) -> None:
        self.path = path
        self.every = EVERY if every is None else every
        self._commits = 0
        self._running: Future[None] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._connection: sqlite3.Connection | None = None  # used in the executor's thread

    def committed(self) -> None:
        """A commit went through: start a checkpoint if it is time and none runs."""
        self._commits += 1
        if self._commits < self.every or (self._running and not self._running.done()):
            return
        self._commits = 0
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="plcbot-wal")
        self._running = self._executor.submit(self._checkpoint)

    def close(self) -> None:
        """Wait for a checkpoint that runs, and close the checkpoint connection."""
        executor, self._executor = self._executor, None
        if executor is not None:
            with contextlib.suppress(RuntimeError):  # the interpreter is shutting down
                executor.submit(self._close)
            executor.shutdown(wait=True)

    def _checkpoint(self) -> None:
        try:
            if self._connection is None:
                self._connection = sqlite3.connect(self.path, isolation_level=None)
            self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").close()
        except sqlite3.Error as error:
            # The next one tries again; meanwhile the log only grows.
            log.warning("could not checkpoint the write-ahead log: %s", error)

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
