"""Files and folders only their owner can read: the database, exports, the data folder.

A district's data must not be readable by every account on the server, whatever the umask:
folders are made 0700 and files 0600 at creation (not loosened and tightened after), and a
file written again keeps 0600."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Make the folder (and missing parents) if needed; a folder made here is 0700. A folder
    that already existed is left as it is: it may be the operator's own choice."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    for made in missing:
        os.chmod(made, PRIVATE_DIR)  # mkdir's mode is filtered by the umask; chmod's is not
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file 0600 if there is none. An existing one is made 0600 where its
    owner is this account; otherwise it is left as the operator set it."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        try:
            os.chmod(path, PRIVATE_FILE)
        except OSError:
            pass
        return
    try:
        os.fchmod(fd, PRIVATE_FILE)  # the umask may have taken bits away, never added any
    finally:
        os.close(fd)


def write_private(path: Path, content: bytes) -> None:
    """Write the file, 0600 from the moment it exists."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb", closefd=False) as f:
            f.write(content)
    finally:
        os.close(fd)
