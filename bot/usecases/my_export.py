"""A teacher's own data as files (`/plc me export`): one table says what the export holds.

Every time in it is the team's local time, to the minute, with the zone named (the PD-hours log
counts days in the team's zone too): a teacher reads them as they lived them.

Each part of the table is a list of records in `plcbot-export.json` (its columns are the keys of
each record, in order) and, when it names a file, the same rows as a CSV with those columns as
the header. Adding a part is one line in `PARTS` and one row function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain import CheckIn, PulseAnswer, Reflection, Session, Team, TeamRole
from bot.export import ExportFile, local_minute, to_csv, to_json
from bot.usecases.context import Ctx
from bot.work_export import work_sections

JSON_FILE = "plcbot-export.json"
UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True)
class Mine:
    """What the export reads about one person, gathered once."""

    reflections: Sequence[Reflection]
    checkins: Sequence[CheckIn]
    pulse: Sequence[PulseAnswer]
    roles: Sequence[TeamRole]
    hours: list[dict[str, Any]]
    team_names: dict[int, str]
    zones: dict[int, ZoneInfo]  # team id -> its time zone
    prompt_ids: dict[int, str]  # delivery id -> prompt id
    prompt_text: Callable[[str], str]

    def team(self, team_id: int) -> str:
        return self.team_names.get(team_id, "")

    def local(self, at: datetime | None, team_id: int) -> str | None:
        return local_minute(at, self.zones.get(team_id, UTC_ZONE))

    def prompt_of(self, r: Reflection) -> str:
        return self.prompt_ids.get(r.delivery_id, "") if r.delivery_id is not None else ""


Row = tuple[Any, ...]


def _reflection(m: Mine, r: Reflection) -> Row:
    pid = m.prompt_of(r)
    return (
        m.local(r.created_at, r.team_id),
        m.team(r.team_id),
        pid,
        m.prompt_text(pid),
        r.visibility.value,
    )


@dataclass(frozen=True)
class Part:
    key: str  # its list in the JSON file
    csv: str | None  # its CSV file, if it has one
    columns: tuple[str, ...]
    rows: Callable[[Mine], list[Row]]


PARTS: tuple[Part, ...] = (
    Part(
        "teams",
        None,
        ("team", "role"),
        lambda m: [(m.team(r.team_id), r.role.label) for r in m.roles],
    ),
    Part(
        "reflections",
        "reflections.csv",
        ("created_at", "team", "prompt_id", "prompt", "visibility", "edited_at", "text"),
        lambda m: [
            (*_reflection(m, r), m.local(r.edited_at, r.team_id), r.text) for r in m.reflections
        ],
    ),
    Part(
        "checkins",
        "checkins.csv",
        ("at", "team", "session_id", "score", "word"),
        lambda m: [
            (m.local(c.at, c.team_id), m.team(c.team_id), c.session_id, c.score, c.word)
            for c in m.checkins
        ],
    ),
    Part(
        "feedback",
        None,
        ("session_id", "relevant", "recommend"),
        lambda m: [(p.session_id, p.relevant, p.recommend) for p in m.pulse],
    ),
    Part(
        "pd_hours",
        "pd_hours.csv",
        ("date", "team", "topic", "minutes", "hours"),
        lambda m: [tuple(h.values()) for h in m.hours],
    ),
)


async def _sessions_attended(ctx: Ctx, checkins: Sequence[CheckIn]) -> list[tuple[Session, Team]]:
    out: list[tuple[Session, Team]] = []
    seen: set[int] = set()
    for c in checkins:
        if c.session_id is None or c.session_id in seen:
            continue
        seen.add(c.session_id)
        session = await ctx.uow.sessions.get(ctx.community.id, c.session_id)
        team = await ctx.uow.teams.get(ctx.community.id, c.team_id)
        if session is not None and team is not None:
            out.append((session, team))
    return sorted(out, key=lambda st: st[0].opened_at)


def pd_hours(attended: list[tuple[Session, Team]], now: datetime) -> list[dict[str, Any]]:
    rows = []
    for session, team in attended:
        minutes = int(((session.closed_at or now) - session.opened_at).total_seconds() // 60)
        rows.append(
            {
                "date": session.opened_at.astimezone(ZoneInfo(team.timezone)).date(),
                "team": team.name,
                "topic": session.topic,
                "minutes": minutes,
                "hours": round(minutes / 60, 2),
            }
        )
    return rows


async def _gather(ctx: Ctx) -> Mine:
    cid, uid = ctx.community.id, ctx.user_id
    reflections = sorted(await ctx.uow.reflections.by_user(cid, uid), key=lambda r: r.created_at)
    checkins = sorted(await ctx.uow.checkins.by_user(cid, uid), key=lambda c: c.at)
    teams = await ctx.uow.teams.list(cid)
    prompt_ids: dict[int, str] = {}
    for r in reflections:
        if r.delivery_id is not None and r.delivery_id not in prompt_ids:
            delivery = await ctx.uow.deliveries.get(cid, r.delivery_id)
            prompt_ids[r.delivery_id] = delivery.prompt_id if delivery else ""

    def prompt_text(prompt_id: str) -> str:
        prompt = ctx.library.prompt(prompt_id) if prompt_id else None
        return prompt.text if prompt else ""

    return Mine(
        reflections=reflections,
        checkins=checkins,
        pulse=await ctx.uow.pulse.by_user(cid, uid),
        roles=await ctx.uow.team_roles.teams_of(cid, uid),
        hours=pd_hours(await _sessions_attended(ctx, checkins), ctx.now),
        team_names={t.id: t.name for t in teams},
        zones={t.id: ZoneInfo(t.timezone) for t in teams},
        prompt_ids=prompt_ids,
        prompt_text=prompt_text,
    )


async def export_files(ctx: Ctx) -> list[ExportFile]:
    """The person's data: one JSON file with every part, and a CSV for each part that has one."""
    mine = await _gather(ctx)
    rows = {part.key: part.rows(mine) for part in PARTS}
    data: dict[str, Any] = {"community": ctx.community.id, "user": ctx.user_id}
    here = ctx.team.id if ctx.team else next((r.team_id for r in mine.roles), 0)
    data["exported_at"] = mine.local(ctx.now, here)
    for part in PARTS:
        data[part.key] = [dict(zip(part.columns, row, strict=True)) for row in rows[part.key]]
    data["pd_hours_total"] = round(sum(h["hours"] for h in mine.hours), 2)
    work, work_csv = await work_sections(
        ctx.uow, ctx.community.id, ctx.user_id, mine.team_names, mine.zones
    )
    data.update(work)
    csvs = [to_csv(p.csv, p.columns, rows[p.key]) for p in PARTS if p.csv is not None]
    return [to_json(JSON_FILE, data), work_csv, *csvs]
