"""A teacher's own export (`/plc me export`): JSON for their records, CSV for a spreadsheet, and
a PD-hours log. Every time in it is the team's local time, to the minute, with the zone named
(the PD-hours log counts days in the team's zone too): a teacher reads them as they lived them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain import CheckIn, Session, Team
from bot.export import ExportFile, local_minute, to_csv, to_json
from bot.usecases.context import Ctx

REFLECTION_COLUMNS = [
    "created_at",
    "team",
    "prompt_id",
    "prompt",
    "visibility",
    "edited_at",
    "text",
]
CHECKIN_COLUMNS = ["at", "team", "session_id", "score", "word"]
PD_COLUMNS = ["date", "team", "topic", "minutes", "hours"]
UTC_ZONE = ZoneInfo("UTC")


async def _sessions_attended(ctx: Ctx, checkins: list[CheckIn]) -> list[tuple[Session, Team]]:
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


async def _reflection_rows(ctx: Ctx, teams: dict[int, Team]) -> list[list[Any]]:
    cid, uid = ctx.community.id, ctx.user_id
    rows = []
    for r in sorted(await ctx.uow.reflections.by_user(cid, uid), key=lambda r: r.created_at):
        delivery = await ctx.uow.deliveries.get(cid, r.delivery_id) if r.delivery_id else None
        prompt = ctx.library.prompt(delivery.prompt_id) if delivery else None
        team = teams.get(r.team_id)
        zone = ZoneInfo(team.timezone) if team else UTC_ZONE
        rows.append(
            [
                local_minute(r.created_at, zone),
                team.name if team else "",
                delivery.prompt_id if delivery else "",
                prompt.text if prompt else "",
                r.visibility.value,
                local_minute(r.edited_at, zone),
                r.text,
            ]
        )
    return rows


def _checkin_rows(checkins: list[CheckIn], teams: dict[int, Team]) -> list[list[Any]]:
    rows = []
    for c in checkins:
        team = teams.get(c.team_id)
        zone = ZoneInfo(team.timezone) if team else UTC_ZONE
        rows.append(
            [local_minute(c.at, zone), team.name if team else "", c.session_id, c.score, c.word]
        )
    return rows


async def export_files(ctx: Ctx) -> list[ExportFile]:
    cid, uid = ctx.community.id, ctx.user_id
    checkins = sorted(await ctx.uow.checkins.by_user(cid, uid), key=lambda c: c.at)
    teams = {t.id: t for t in await ctx.uow.teams.list(cid)}
    roles = await ctx.uow.team_roles.teams_of(cid, uid)
    hours = pd_hours(await _sessions_attended(ctx, list(checkins)), ctx.now)
    reflections = await _reflection_rows(ctx, teams)
    checkin_rows = _checkin_rows(checkins, teams)
    here = ctx.team or next((teams[r.team_id] for r in roles if r.team_id in teams), None)
    data = {
        "community": cid,
        "user": uid,
        "exported_at": local_minute(ctx.now, ZoneInfo(here.timezone) if here else UTC_ZONE),
        "teams": [
            {"team": teams[r.team_id].name if r.team_id in teams else "", "role": r.role.label}
            for r in roles
        ],
        "reflections": [dict(zip(REFLECTION_COLUMNS, row, strict=True)) for row in reflections],
        "checkins": [dict(zip(CHECKIN_COLUMNS, row, strict=True)) for row in checkin_rows],
        "feedback": [
            {"session_id": p.session_id, "relevant": p.relevant, "recommend": p.recommend}
            for p in await ctx.uow.pulse.by_user(cid, uid)
        ],
        "pd_hours": hours,
        "pd_hours_total": round(sum(h["hours"] for h in hours), 2),
    }
    return [
        to_json("plcbot-export.json", data),
        to_csv("reflections.csv", REFLECTION_COLUMNS, reflections),
        to_csv("checkins.csv", CHECKIN_COLUMNS, checkin_rows),
        to_csv("pd_hours.csv", PD_COLUMNS, [list(h.values()) for h in hours]),
    ]
