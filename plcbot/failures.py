"""What `plcbot` says when it cannot do its work for a reason its operator can fix: one short
line naming the problem and what to do, exit code 2, and no traceback (unless --debug).
Anything else is a defect: one line too, pointing at --debug for the traceback, exit code 1."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

from bot.config import Config, ConfigError
from bot.files import private_dir
from storage import diagnose

DATA_DIR_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST}


def check_data_dir(path: Path) -> None:
    """The data folder exists (or can be made) and this account can write in it."""
    if path.exists() and not path.is_dir():
        raise ConfigError(
            f"[bot] data_dir: {path} is a file, not a folder; set data_dir to a folder "
            "(or move the file away)"
        )
    try:
        private_dir(path)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as e:
        raise ConfigError(
            f"[bot] data_dir: cannot write in {path} ({e.strerror or e}); make it writable "
            "by the account plcbot runs as, or set data_dir to another folder"
        ) from None


def explain(error: BaseException, config: Config | None, url: str | None) -> tuple[str, int]:
    """The line to print for `error`, and the exit code."""
    if isinstance(error, ConfigError):
        return f"configuration error: {error}", 2
    if url is not None and (said := diagnose.explain(error, url)) is not None:
        return said, 2
    if isinstance(error, OSError) and error.errno in DATA_DIR_ERRORS and error.filename:
        return f"{error.filename}: {error.strerror}; check the folder's permissions", 2
    what = f"{type(error).__name__}: {error}"
    return f"unexpected error ({what}); run again with --debug to see where, and report it", 1
