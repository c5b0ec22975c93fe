"""What a request's first read found besides its context, kept for the use case's own read of
it: the channel's team's open session (a check-in asks for it next) and its latest prompt (a
reflection asks for that). One statement instead of two on every `/plc checkin` and `/plc
reflect`: on PostgreSQL a round trip fewer.

A kept value is handed out once, and only while nothing was written or read since in the unit
of work: any statement through a repository's connection forgets it, and so does any write of
sessions or prompts sent (storage/session_repositories.py, storage/reflection_repositories.py).
The commit or rollback ends it with the transaction."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, MutableMapping
from typing import Any

PREFETCHED = "plcbot.prefetched"  # in a session's `info`
MISSING: Any = object()  # not kept: read it from the database


Info = MutableMapping[Any, Any]  # a session's `info`


def keep(info: Info, found: Mapping[Hashable, object]) -> None:
    info[PREFETCHED] = dict(found)


def take(info: Info, key: Hashable) -> Any:
    """The value kept under `key` (then forgotten), or MISSING."""
    kept: dict[Hashable, object] | None = info.get(PREFETCHED)
    if not kept:
        return MISSING
    return kept.pop(key, MISSING)


def forget(info: Info) -> None:
    info.pop(PREFETCHED, None)
