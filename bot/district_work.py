"""The team's work in the district's export (bot.district_export): the cycle's record, action
items, agendas, meeting roles, decisions and the minutes kept. None of it is a reflection."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain import Team
from bot.export import local_minute
from bot.ports import UnitOfWork

Row = list[Any]
EVER = datetime(2000, 1, 1, tzinfo=UTC)

WORK_HEADERS: dict[str, list[str]] = {
    "cycle_entries.csv": [
        "team_id", "cycle", "entry_id", "kind", "text", "detail", "percent", "user_id",
        "written_by", "created_at",
    ],
    "action_items.csv": [
        "team_id", "item_id", "owner_id", "text", "due_on", "status", "created_by", "created_at",
        "done_by", "done_at",
    ],
    "agenda_items.csv": ["team_id", "session_id", "item_id", "minutes", "text", "created_by"],
    "meeting_roles.csv": ["team_id", "session_id", "role", "user_id", "assigned_by"],
    "decisions.csv": ["team_id", "session_id", "decision_id", "text", "written_by", "created_at"],
    "minutes.csv": ["team_id", "session_id", "cycle", "goal_status", "kept_at"],
}  # fmt: skip


async def _plans(uow: UnitOfWork, team: Team, rows: dict[str, list[Row]], now: datetime) -> None:
    """Agenda items, roles and decisions of each session, and of the next one (no session)."""
    cid, tid, zone = team.community_id, team.id, ZoneInfo(team.timezone)
    agenda, roles, decisions = await uow.meetings.of_team(cid, tid)
    rows["agenda_items.csv"] += [
        [tid, a.session_id, a.id, a.minutes, a.text, a.created_by] for a in agenda
    ]
    rows["meeting_roles.csv"] += [
        [tid, r.session_id, r.role.value, r.user_id, r.assigned_by] for r in roles
    ]
    rows["decisions.csv"] += [
        [tid, d.session_id, d.id, d.text, d.written_by, local_minute(d.created_at, zone)]
        for d in decisions
    ]


async def work_records(
    uow: UnitOfWork, team: Team, rows: dict[str, list[Row]], now: datetime
) -> None:
    cid, tid, zone = team.community_id, team.id, ZoneInfo(team.timezone)
    for cycle in range(1, team.cycle + 1):
        rows["cycle_entries.csv"] += [
            [tid, e.cycle, e.id, e.kind.value, e.text, " | ".join(e.detail), e.percent,
             e.user_id, e.written_by, local_minute(e.created_at, zone)]
            for e in await uow.cycle_records.of_cycle(cid, tid, cycle)
        ]  # fmt: skip
    rows["action_items.csv"] += [
        [tid, i.id, i.owner_id, i.text, i.due_on, i.status.value, i.created_by,
         local_minute(i.created_at, zone), i.done_by, local_minute(i.done_at, zone)]
        for i in await uow.action_items.created_between(cid, tid, EVER, now)
    ]  # fmt: skip
    await _plans(uow, team, rows, now)
    rows["minutes.csv"] += [
        [tid, k.session_id, k.cycle, " | ".join(k.goal), local_minute(k.created_at, zone)]
        for k in reversed(await uow.meetings.kept(cid, tid))
    ]
