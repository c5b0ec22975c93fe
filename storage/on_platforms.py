"""The SQL side of `bot.scheduling.model.on`: a community id column on one of the platforms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, false, or_, true


def platforms_key(platforms: Sequence[str] | None) -> tuple[str, ...] | None:
    """`platforms` as the key of a statement built once per set of platforms (None: any)."""
    return None if platforms is None else tuple(sorted(platforms))


def on_platforms(community_id: Any, platforms: Sequence[str] | None) -> ColumnElement[bool]:
    """Whether `community_id` (`platform:id`) is on one of `platforms` (None: any; none: no
    community at all, as `on` says)."""
    if platforms is None:
        return true()
    return or_(false(), *(community_id.startswith(f"{p}:", autoescape=True) for p in platforms))
