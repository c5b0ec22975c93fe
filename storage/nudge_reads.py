"""The scheduler's read of the protocol steps whose time ran out (ProtocolRuns.due_nudges):
one statement per (page size, platforms), built once, of plain columns (the run's labelled
r_..., the team's t_..., so that every column has a name of its own and the driver runs it,
storage/direct.py), split into each part's columns: every worker reads it on every tick,
most often to find nothing."""

from __future__ import annotations

import functools
from collections import namedtuple
from typing import Any, cast

from sqlalchemy import Select, bindparam, select

from storage.direct import once
from storage.on_platforms import on_platforms
from storage.protocol_tables import ProtocolRunRow, ProtocolStepRow
from storage.tables import TeamRow

_STEPS, _RUNS, _TEAMS = ProtocolStepRow.__table__, ProtocolRunRow.__table__, TeamRow.__table__
StepColumns = namedtuple("StepColumns", [c.key for c in _STEPS.c])  # type: ignore[misc]
RunColumns = namedtuple("RunColumns", [c.key for c in _RUNS.c])  # type: ignore[misc]
TeamColumns = namedtuple("TeamColumns", [c.key for c in _TEAMS.c])  # type: ignore[misc]
RUN_AT, TEAM_AT = len(_STEPS.c), len(_STEPS.c) + len(_RUNS.c)


@functools.cache
def due_nudges(limit: int, platforms: tuple[str, ...] | None) -> Select[Any]:
    """Steps not ended nor nudged whose time ran out after :since and by :now, in runs not
    ended, soonest first, with their run's and team's columns."""
    return once(
        select(
            *_STEPS.c,
            *(c.label(f"r_{c.key}") for c in _RUNS.c),
            *(c.label(f"t_{c.key}") for c in _TEAMS.c),
        )
        .select_from(
            _STEPS.join(
                _RUNS,
                (_RUNS.c.community_id == _STEPS.c.community_id) & (_RUNS.c.id == _STEPS.c.run_id),
            ).join(
                _TEAMS,
                (_TEAMS.c.community_id == _RUNS.c.community_id) & (_TEAMS.c.id == _RUNS.c.team_id),
            )
        )
        .where(
            _STEPS.c.ended_at.is_(None),
            _STEPS.c.nudged_at.is_(None),
            _STEPS.c.ends_at <= bindparam("now"),
            _STEPS.c.ends_at > bindparam("since"),
            _RUNS.c.ended_at.is_(None),
            on_platforms(_STEPS.c.community_id, platforms),
        )
        .order_by(_STEPS.c.ends_at, _STEPS.c.id)
        .limit(limit)
    )


def parts(row: Any) -> tuple[ProtocolStepRow, ProtocolRunRow, TeamRow]:
    """A row of due_nudges() as its step's, run's and team's columns, read by attribute."""
    return (
        cast(ProtocolStepRow, StepColumns._make(row[:RUN_AT])),
        cast(ProtocolRunRow, RunColumns._make(row[RUN_AT:TEAM_AT])),
        cast(TeamRow, TeamColumns._make(row[TEAM_AT:])),
    )
