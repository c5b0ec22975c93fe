"""The folders a run keeps its files in (its SQLite database, the shared clock, each process's
settings and log): `<prefix><pid>-…`, removed when the run ends. A run killed outright (SIGKILL,
a machine's out-of-memory killer) cleans up nothing, and in memory-backed /dev/shm a year's
SQLite file holds its memory until it is removed: so each new folder is made after removing
those of the same kind whose run's process is gone (never another user's, never a live run's)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def scratch() -> str | None:
    """Memory-backed /dev/shm when the machine has it (else the system's temporary folder)."""
    shm = Path("/dev/shm")  # noqa: S108 - only folders mkdtemp makes (0700) are used in it
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def run_folder(prefix: str, *, memory: bool = False) -> tempfile.TemporaryDirectory[str]:
    """A new folder of this run's, in /dev/shm when `memory` (and the machine has it), once the
    folders of `prefix` that killed runs left there are removed."""
    where = scratch() if memory else None
    sweep(Path(where or tempfile.gettempdir()), prefix)
    return tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-", dir=where)


def sweep(folder: Path, prefix: str) -> list[Path]:
    """Removes the folders `<prefix><pid>-…` in `folder` that are this user's and whose process
    has ended; returns them."""
    gone = []
    for old in folder.glob(f"{prefix}*-*"):
        pid = old.name[len(prefix) :].split("-", 1)[0]
        try:
            mine = old.is_dir() and old.stat().st_uid == os.getuid()
        except OSError:
            continue
        if mine and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
            gone.append(old)
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
