"""The scheduler's read of the action items a reminder may be due for (bot.work_ports'
due_for_reminders): one statement per tick's page, built once, that brings each item's team,
its owner's language and the calendar breaks on the days that may be today where the team is,
and leaves out the items no reminder can go to (their owner turned reminders off, their team is
on a break every one of those days): read on every tick, those would come first by due date and
fill every page (issue 20)."""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Exists,
    Select,
    and_,
    bindparam,
    exists,
    or_,
    select,
)

from bot.work import ActionItem, ActionStatus, ReminderKind
from bot.work_ports import ReminderCandidate
from storage.direct import once
from storage.on_platforms import on_platforms
from storage.schedule_tables import CalendarBreakRow
from storage.tables import MemberRow, TeamRow
from storage.team_repositories import team_from_row
from storage.work_tables import ActionItemRow, ActionReminderRow

_ITEMS, _TEAMS = ActionItemRow.__table__, TeamRow.__table__
_MEMBERS, _BREAKS = MemberRow.__table__, CalendarBreakRow.__table__
_REMINDED = ActionReminderRow.__table__
# A row's parts, read by attribute as the models are (`_item`, team_from_row).
_ItemColumns = namedtuple("_ItemColumns", [c.key for c in _ITEMS.c])  # type: ignore[misc]
_TeamColumns = namedtuple("_TeamColumns", [c.key for c in _TEAMS.c])  # type: ignore[misc]
_SPLIT, _LANGUAGE = len(_ITEMS.c), len(_ITEMS.c) + len(_TEAMS.c)


def _reminded(kind: ReminderKind) -> Exists:
    return exists().where(
        _REMINDED.c.community_id == _ITEMS.c.community_id,
        _REMINDED.c.item_id == _ITEMS.c.id,
        _REMINDED.c.kind == kind.value,
    )


def _on_break(first: str, last: str) -> Exists:
    """A break of the item's team (or its whole community) covers the days first to last."""
    return exists().where(
        _BREAKS.c.community_id == _ITEMS.c.community_id,
        or_(_BREAKS.c.team_id.is_(None), _BREAKS.c.team_id == _ITEMS.c.team_id),
        _BREAKS.c.first_day <= bindparam(first),
        _BREAKS.c.last_day >= bindparam(last),
    )


def _after() -> ColumnElement[bool]:
    on: BindParameter[date] = bindparam("after_on")
    item: BindParameter[int] = bindparam("after_id")
    return or_(_ITEMS.c.due_on > on, and_(_ITEMS.c.due_on == on, _ITEMS.c.id > item))


@functools.cache
def due_query(limit: int, platforms: tuple[str, ...] | None) -> Select[Any]:
    """Items due by :soon (no day-before reminder yet) or by :late, after (:after_on,
    :after_id), with their team's columns (labelled t_...), the owner's language and whether a
    break covers :first, :mid and :last (the days it may be where the team is)."""
    owner = (_MEMBERS.c.community_id == _ITEMS.c.community_id) & (
        _MEMBERS.c.user_id == _ITEMS.c.user_id
    )
    team = (_TEAMS.c.community_id == _ITEMS.c.community_id) & (_TEAMS.c.id == _ITEMS.c.team_id)
    return once(
        select(
            *_ITEMS.c,
            *(c.label(f"t_{c.key}") for c in _TEAMS.c),
            _MEMBERS.c.language.label("owner_language"),
            _on_break("first", "first").label("off_first"),
            _on_break("mid", "mid").label("off_mid"),
            _on_break("last", "last").label("off_last"),
        )
        .select_from(_ITEMS.join(_TEAMS, team).outerjoin(_MEMBERS, owner))
        .where(
            _ITEMS.c.status == ActionStatus.OPEN.value,
            ~_reminded(ReminderKind.OVERDUE),
            or_(
                _ITEMS.c.due_on <= bindparam("late"),
                and_(_ITEMS.c.due_on <= bindparam("soon"), ~_reminded(ReminderKind.DAY_BEFORE)),
            ),
            _MEMBERS.c.reminders.is_not(False),  # on, or never said (no member row: on)
            ~_on_break("first", "last"),
            _after(),
            on_platforms(_ITEMS.c.community_id, platforms),
        )
        .order_by(_ITEMS.c.due_on, _ITEMS.c.id)
        .limit(limit)
    )


def candidate(
    row: Any, days: tuple[date, date, date], item: Callable[[ActionItemRow], ActionItem]
) -> ReminderCandidate:
    """A row of due_query(), its item made by `item` (the repository's mapper)."""
    off = frozenset(day for day, on in zip(days, row[_LANGUAGE + 1 :], strict=True) if on)
    return ReminderCandidate(
        item=item(cast(ActionItemRow, _ItemColumns._make(row[:_SPLIT]))),
        team=team_from_row(cast(TeamRow, _TeamColumns._make(row[_SPLIT:_LANGUAGE]))),
        language=row[_LANGUAGE],
        off=off,
    )
