"""The district's export of one community (`plcbot export`): one CSV per kind of record, and a
summary. Table-driven: each file is a header and the rows one function gathers per team.

Times are each team's local time, to the minute, with the zone named.

Private means the author only: private reflections appear as a count per team, never their
text or author. Feedback answers carry no person id (the card says they are anonymous)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.district_work import WORK_HEADERS, work_records
from bot.domain import AuditEntry, PulseAnswer, Team, Visibility
from bot.export import ExportFile, local_minute, to_csv, to_json
from bot.ports import UnitOfWork

Row = list[Any]

HEADERS: dict[str, list[str]] = {
    "team_members.csv": ["team_id", "user_id", "role"],
    "sessions.csv": [
        "team_id", "session_id", "topic", "stage", "opened_by", "opened_at", "closed_at"
    ],
    "checkins.csv": ["team_id", "session_id", "user_id", "score", "word", "at"],
    "prompts_sent.csv": ["team_id", "delivery_id", "prompt_id", "stage", "kind", "sent_at"],
    "reflections.csv": [
        "team_id", "reflection_id", "delivery_id", "user_id", "visibility", "created_at",
        "edited_at", "text",
    ],
    "feedback.csv": ["session_id", "relevant", "recommend"],
    "stage_changes.csv": ["team_id", "cycle", "stage", "started_at", "changed_by"],
    "schedules.csv": ["team_id", "schedule_id", "kind", "when", "timezone", "paused"],
    "calendar_breaks.csv": ["break_id", "team_id", "first_day", "last_day", "label"],
    **WORK_HEADERS,  # the cycle's record, action items, agendas, roles, decisions, minutes
}  # fmt: skip


@dataclass
class _Gathered:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in HEADERS})
    private: dict[int, int] = field(default_factory=dict)  # team id -> private reflections


def anonymous_feedback(session_id: int, answers: Sequence[PulseAnswer]) -> list[Row]:
    """A session's feedback answers with no person id, in an order that says nothing about
    who gave them."""
    rows = [[session_id, a.relevant, a.recommend] for a in answers]
    return sorted(rows, key=lambda r: (r[1] is None, r[1] or 0, r[2] is None, bool(r[2])))


async def _sessions(uow: UnitOfWork, team: Team, out: _Gathered) -> None:
    """The team's sessions and their feedback: two reads, however many sessions."""
    zone = ZoneInfo(team.timezone)
    feedback: dict[int, list[PulseAnswer]] = {}
    for answer in await uow.pulse.for_team(team.community_id, team.id):
        feedback.setdefault(answer.session_id, []).append(answer)
    for s in await uow.sessions.list(team.community_id, team.id):
        opened, closed = local_minute(s.opened_at, zone), local_minute(s.closed_at, zone)
        out.rows["sessions.csv"].append(
            [team.id, s.id, s.topic, s.stage.value, s.opened_by, opened, closed]
        )
        out.rows["feedback.csv"] += anonymous_feedback(s.id, feedback.get(s.id, []))


async def _reflections(uow: UnitOfWork, team: Team, out: _Gathered) -> int:
    """The team's reflections that are not private, with their text; returns how many."""
    every = list(await uow.reflections.list(team.community_id, team.id))
    shared = [r for r in every if r.visibility is not Visibility.PRIVATE]
    out.private[team.id] = len(every) - len(shared)
    zone = ZoneInfo(team.timezone)
    out.rows["reflections.csv"] += [
        [r.team_id, r.id, r.delivery_id, r.user_id, r.visibility.value,
         local_minute(r.created_at, zone), local_minute(r.edited_at, zone), r.text]
        for r in shared
    ]  # fmt: skip
    return len(shared)


async def _team_records(uow: UnitOfWork, team: Team, out: _Gathered) -> None:
    cid, tid = team.community_id, team.id
    rows, zone = out.rows, ZoneInfo(team.timezone)
    rows["team_members.csv"] += [
        [tid, r.user_id, r.role.label] for r in await uow.team_roles.members(cid, tid)
    ]
    rows["checkins.csv"] += [
        [c.team_id, c.session_id, c.user_id, c.score, c.word, local_minute(c.at, zone)]
        for c in await uow.checkins.list(cid, tid)
    ]
    rows["prompts_sent.csv"] += [
        [d.team_id, d.id, d.prompt_id, d.stage.value, d.kind, local_minute(d.sent_at, zone)]
        for d in await uow.deliveries.list(cid, tid)
    ]
    rows["stage_changes.csv"] += [
        [c.team_id, c.cycle, c.stage.value, local_minute(c.started_at, zone), c.changed_by]
        for c in await uow.stage_changes.list(cid, tid)
    ]
    rows["schedules.csv"] += [
        [x.team_id, x.id, x.kind.value, x.when, x.timezone, x.paused]
        for x in await uow.schedules.for_team(cid, tid)
    ]


def _team_summary(team: Team, private_reflections: int) -> dict[str, Any]:
    return {
        "id": team.id,
        "channel": team.channel_id,
        "name": team.name,
        "timezone": team.timezone,
        "stage": team.stage.value,
        "cycle": team.cycle,
        "private_reflections": private_reflections,
    }


async def community_export(
    uow: UnitOfWork, community_id: str, now: datetime, reader: str
) -> list[ExportFile]:
    """Everything of one community for the district's records (see the module's docstring).
    Each team's export is written to the audit log, with how many reflection texts it held."""
    teams = list(await uow.teams.list(community_id))
    out = _Gathered()
    for team in teams:
        await _sessions(uow, team, out)
        await _team_records(uow, team, out)
        await work_records(uow, team, out.rows, now)
        texts = await _reflections(uow, team, out)
        await uow.audit.add(AuditEntry(community_id, reader, team.id, "export", texts, now))
    out.rows["calendar_breaks.csv"] = [
        [b.id, b.team_id, b.first_day, b.last_day, b.label]
        for b in await uow.calendar.list(community_id)
    ]
    summary = {
        "community": community_id,
        "exported_at": local_minute(now, ZoneInfo("UTC")),  # teams' own times are in the CSVs
        "teams": [_team_summary(t, out.private[t.id]) for t in teams],
        "admins": list(await uow.members.admins(community_id)),
        "counts": {
            "sessions": len(out.rows["sessions.csv"]),
            "checkins": len(out.rows["checkins.csv"]),
            "reflections": len(out.rows["reflections.csv"]),
            "private_reflections": sum(out.private.values()),
            "feedback": len(out.rows["feedback.csv"]),
            "action_items": len(out.rows["action_items.csv"]),
            "minutes": len(out.rows["minutes.csv"]),
        },
    }
    csvs = [to_csv(name, header, out.rows[name]) for name, header in HEADERS.items()]
    return [to_json("community.json", summary), *csvs]
