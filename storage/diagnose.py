"""Why the database cannot be used, told to whoever runs plcbot: a short sentence naming the
problem and what to do, for the failures an operator can fix (the server is down, the database
does not exist, the login is refused, the SQLite file's folder cannot be written). Never the
password: only host, port and database name are shown."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

URL_HINT = "DATABASE_URL (or [database] url)"


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _where(url: str) -> tuple[str, str]:
    """(host:port, database name) of a server URL; the password is never part of either."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "the server", "the database"
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}", parsed.database or ""


def _postgres(error: BaseException, url: str) -> str | None:
    server, name = _where(url)
    kind = type(error).__name__
    if kind == "InvalidCatalogNameError":
        return (
            f"the database {name!r} does not exist on {server}; create it "
            f"(createdb {name}, or CREATE DATABASE {name}) or fix the name in {URL_HINT}"
        )
    if kind in {"InvalidPasswordError", "InvalidAuthorizationSpecificationError"}:
        return f"{server} refused the login for {name!r}; check the user and password in {URL_HINT}"
    if isinstance(error, ConnectionRefusedError):
        return (
            f"the database server at {server} refused the connection; start PostgreSQL "
            f"there, or fix the host and port in {URL_HINT}"
        )
    if isinstance(error, socket.gaierror):
        return f"the database host in {URL_HINT} is not known here ({server}); fix the host"
    if isinstance(error, TimeoutError):
        return f"the database server at {server} did not answer in time; check it and the network"
    if isinstance(error, OSError) and error.filename is None:
        return f"cannot reach the database server at {server} ({error.strerror or error}); check it"
    return None


def _sqlite(error: BaseException, url: str) -> str | None:
    path = make_url(url).database or ""
    if isinstance(error, sqlite3.OperationalError) and "unable to open" in str(error):
        return f"cannot open the SQLite file {path}; its folder must be one this account can write"
    if isinstance(error, OSError) and error.filename is not None:
        what = error.strerror or type(error).__name__
        return (
            f"cannot create the SQLite file {path} ({error.filename}: {what}); set [bot] "
            "data_dir to a folder this account can write"
        )
    return None


def explain(error: BaseException, url: str) -> str | None:
    """What went wrong with the database at `url`, for a person; None: not a database failure
    an operator can fix from here."""
    reader = _sqlite if url.startswith("sqlite") else _postgres
    for cause in _chain(error):
        said = reader(cause, url)
        if said is not None:
            return said
    return None
