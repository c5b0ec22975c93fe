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

The log starts over from its beginning only when a write begins just after a checkpoint has
copied all of it. With commits back to back, new pages arrive while the thread copies, so
that moment never comes and the log would only grow: once a checkpoint finds the log past
RESTART_PAGES (SQLite's own automatic checkpoint size), the next commit checkpoints on its
own connection right after committing, in aiosqlite's worker thread (one hand-over), before
that connection writes again; the next write then starts the log over, and
`journal_size_limit` gives the file back its space. When the log starts over, its first
commit syncs the log's new header: the only time a commit waits for the disk.

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
RESTART_PAGES = 1000  # a log this long is checkpointed by the next commit (see above)
SIZE_LIMIT = 16 * 1024 * 1024  # journal_size_limit: the log file's size kept once it starts over
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
        self.overdue = False  # the log is past RESTART_PAGES: the next commit checkpoints

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
        """Close the checkpoint connection once a checkpoint that runs has ended, without
        waiting for it here (this runs in the event loop's thread)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            with contextlib.suppress(RuntimeError):  # the interpreter is shutting down
                executor.submit(self._close)
            executor.shutdown(wait=False)

    def _checkpoint(self) -> None:
        try:
            if self._connection is None:
                self._connection = sqlite3.connect(self.path, isolation_level=None)
            cursor = self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            try:
                _, log_pages, _ = cursor.fetchone()
            finally:
                cursor.close()
            if log_pages > RESTART_PAGES:
                self.overdue = True
        except sqlite3.Error as error:
            # The next one tries again; meanwhile the log only grows.
            log.warning("could not checkpoint the write-ahead log: %s", error)

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def checkpoint_here(connection: sqlite3.Connection) -> None:
    """In the committing connection's worker thread, right after its commit: a PASSIVE
    checkpoint that no write of this connection's can race, so it copies the whole log."""
    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").close()
