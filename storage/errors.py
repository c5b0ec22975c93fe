"""Turning database failures into the core's words: StorageUnavailable, Conflict, ValueError."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from bot.ports import Conflict, StorageUnavailable

log = logging.getLogger(__name__)

_SQLITE_UNIQUE = {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}
_PG_UNIQUE = "23505"
_PG_FOREIGN_KEY = "23503"


def is_unavailable(error: BaseException) -> bool:
    """True when the database could not be reached or stopped answering (try again later)."""
    if isinstance(error, OSError | TimeoutError | sa_exc.TimeoutError | sa_exc.DisconnectionError):
        return True  # refused, unreachable, no such directory, pool exhausted
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
        return True  # "unable to open database file", "database is locked", server gone
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    # asyncpg raises its own errors while connecting (no such database, too many
    # connections, starting up); everything after connecting arrives wrapped by SQLAlchemy.
    return type(error).__module__.startswith("asyncpg.")


def is_unique_violation(error: sa_exc.IntegrityError) -> bool:
    orig = error.orig
    if getattr(orig, "sqlstate", None) == _PG_UNIQUE:
        return True
    if getattr(orig, "sqlite_errorname", None) in _SQLITE_UNIQUE:
        return True
    return "UNIQUE constraint failed" in str(orig)


def is_foreign_key_violation(error: sa_exc.IntegrityError) -> bool:
    orig = error.orig
    if getattr(orig, "sqlstate", None) == _PG_FOREIGN_KEY:
        return True
    if getattr(orig, "sqlite_errorname", None) == "SQLITE_CONSTRAINT_FOREIGNKEY":
        return True
    return "FOREIGN KEY constraint failed" in str(orig)


def describe(error: BaseException) -> str:
    """The driver's own words, without the SQL statement or its parameters (which may hold a
    teacher's reflection), so the message is safe to log."""
    cause = error.orig if isinstance(error, sa_exc.StatementError) and error.orig else error
    return f"{type(cause).__name__}: {cause}"


def refused_value(error: BaseException) -> ValueError | None:
    """A value a column type refused (a naive datetime), which SQLAlchemy wraps."""
    if isinstance(error, sa_exc.StatementError) and not isinstance(error, sa_exc.DBAPIError):
        if isinstance(error.orig, ValueError):
            return error.orig
    return None


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise database failures as the core's exceptions; anything else passes unchanged."""
    try:
        yield
    except Exception as error:
        translate(error)
        raise


def translate(error: Exception) -> None:
    """Raise the core's exception for a database failure; return for anything else (the
    caller re-raises it unchanged)."""
    if isinstance(error, StorageUnavailable | Conflict):
        return
    if is_unavailable(error):
        reason = describe(error)
        log.warning("database unavailable: %s", reason)
        raise StorageUnavailable(f"the database could not be reached ({reason})") from error
    refused = refused_value(error)
    if refused is not None:
        raise ValueError(str(refused)) from error


@contextmanager
def rules_told() -> Iterator[None]:
    """A uniqueness rule that fired becomes Conflict; a missing parent (no such team, session
    or community in this community) LookupError."""
    try:
        yield
    except sa_exc.IntegrityError as error:
        tell_rule(error)
        raise


def tell_rule(error: sa_exc.IntegrityError) -> None:
    """Raise the core's word for a rule that fired; return for any other IntegrityError."""
    if is_unique_violation(error):
        raise Conflict(str(error.orig)) from error
    if is_foreign_key_violation(error):
        raise LookupError(f"not in this community: {error.orig}") from error
