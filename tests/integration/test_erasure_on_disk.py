"""What "deleted" means on disk for SQLite: after a forget, purge or retention run, the
database files (main file and write-ahead log) hold none of the deleted words or ids."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import actions
from bot.clock import FixedClock
from bot.retention import RetentionJob
from storage.engine import SQLITE_FILE, default_sqlite_url, make_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import START, Harness

WORDS = "quokkasecretreflection"  # the reflection's text
FEELING = "xylophonicmood"  # the check-in word
PERSON = "zedperson42"  # the platform user id


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> AsyncIterator[tuple[SqlUnitOfWorkFactory, Path]]:
    url = default_sqlite_url(tmp_path)
    await upgrade(url)
    factory = SqlUnitOfWorkFactory(make_engine(url))
    yield factory, tmp_path / SQLITE_FILE
    await factory.dispose()


def on_disk(database: Path) -> bytes:
    """The bytes of the database file and its write-ahead log, as they are now."""
    wal = Path(f"{database}-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


async def a_teacher_who_wrote_and_checked_in(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc session open Fractions")).ok
    assert (await h.say(PERSON, f"/plc checkin 4 {FEELING}")).ok
    assert (await h.say(PERSON, f"/plc reflect --team {WORDS} shared")).ok
    assert (await h.say(PERSON, f"/plc reflect --private {WORDS} private")).ok


async def test_after_forget_the_database_files_hold_none_of_the_persons_text_word_or_id(
    sqlite_file: tuple[SqlUnitOfWorkFactory, Path],
) -> None:
    factory, database = sqlite_file
    h = Harness(factory)
    await a_teacher_who_wrote_and_checked_in(h)
    assert WORDS.encode() in on_disk(database)  # the test can see them before
    assert (await h.click(PERSON, actions.forget(PERSON).id)).ok
    files = on_disk(database)
    assert WORDS.encode() not in files
    assert FEELING.encode() not in files
    assert PERSON.encode() not in files


async def test_after_retention_the_database_files_hold_none_of_the_expired_reflections(
    sqlite_file: tuple[SqlUnitOfWorkFactory, Path],
) -> None:
    factory, database = sqlite_file
    h = Harness(factory)
    await a_teacher_who_wrote_and_checked_in(h)
    clock = FixedClock(START + timedelta(days=40))
    report = await RetentionJob(uow=factory, clock=clock, default_days=30).run()
    assert sum(report.reflections_deleted.values()) == 2
    assert WORDS.encode() not in on_disk(database)


async def test_after_a_purge_the_database_files_hold_nothing_of_the_community(
    sqlite_file: tuple[SqlUnitOfWorkFactory, Path],
) -> None:
    factory, database = sqlite_file
    h = Harness(factory)
    await a_teacher_who_wrote_and_checked_in(h)
    async with factory() as uow:
        await uow.rights.purge_community(h.community.id)
        await uow.commit()
    files = on_disk(database)
    for gone in (WORDS, FEELING, PERSON, "Fractions"):
        assert gone.encode() not in files


async def test_the_database_files_are_readable_by_their_owner_only_and_so_is_their_new_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data" / "plcbot"
    old_umask = os.umask(0o022)  # a usual server default: new files world-readable
    try:
        url = default_sqlite_url(folder)
        await upgrade(url)
        factory = SqlUnitOfWorkFactory(make_engine(url))
        try:
            await Harness(factory).team_with_facilitator()
            database = folder / SQLITE_FILE
            for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        finally:
            await factory.dispose()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


async def test_a_database_file_left_world_readable_by_an_older_version_is_made_owner_only(
    tmp_path: Path,
) -> None:
    url = default_sqlite_url(tmp_path)
    await upgrade(url)
    database = tmp_path / SQLITE_FILE
    os.chmod(database, 0o644)
    factory = SqlUnitOfWorkFactory(make_engine(url))
    try:
        await Harness(factory).team_with_facilitator()
    finally:
        await factory.dispose()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
