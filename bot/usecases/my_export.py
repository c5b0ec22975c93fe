"""A teacher's own data as files (`/plc me export`): one table says what the export holds.

Every time in it is the team's local time, to the minute, with the zone named (the PD-hours log
counts days in the team's zone too): a teacher reads them as they lived them.

Each part of the table is a list of records in `plcbot-export.json` (its columns are the keys of
each record, in order) and, when it names a file, the same rows as a CSV with those columns as
the header. Adding a part is one line in `PARTS` and one row function. The PD-hours log also
comes as `pd-certificate.html`, a printable summary to hand in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.attendance import PdLine
from bot.certificate import certificate_html
from bot.domain import CheckIn, PulseAnswer, Reflection, TeamRole
from bot.export import ExportFile, local_minute, to_csv, to_json
from bot.prompt_lookup import find_prompt
from bot.usecases.context import Ctx
from bot.usecases.credential_export import portfolio_files
from bot.usecases.pdhours import PD_COLUMNS, pd_log, pd_row
from bot.usecases.places import label_of
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
    log: list[PdLine]  # the PD-hours log: a line per session attended, in the team's zone
    hours: list[dict[str, Any]]
    team_names: dict[int, str]
    zones: dict[int, ZoneInfo]  # team id -> its time zone
    prompt_ids: dict[int, str]  # delivery id -> prompt id
    prompt_texts: dict[str, str]  # prompt id -> its words (the library's or the team's own)

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
        m.prompt_texts.get(pid, ""),
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
        PD_COLUMNS,
        lambda m: [tuple(h.values()) for h in m.hours],
    ),
)


async def _gather(ctx: Ctx) -> Mine:
    cid, uid = ctx.community.id, ctx.user_id
    reflections = sorted(await ctx.uow.reflections.by_user(cid, uid), key=lambda r: r.created_at)
    checkins = sorted(await ctx.uow.checkins.by_user(cid, uid), key=lambda c: c.at)
    teams = await ctx.uow.teams.list(cid)
    prompt_ids, texts = await _prompts(ctx, reflections)
    log = await pd_log(ctx)

    return Mine(
        reflections=reflections,
        checkins=checkins,
        pulse=await ctx.uow.pulse.by_user(cid, uid),
        roles=await ctx.uow.team_roles.teams_of(cid, uid),
        log=log,
        hours=[pd_row(line) for line in log],
        team_names={t.id: t.name for t in teams},
        zones={t.id: ZoneInfo(t.timezone) for t in teams},
        prompt_ids=prompt_ids,
        prompt_texts=texts,
    )


async def _prompts(
    ctx: Ctx, reflections: Sequence[Reflection]
) -> tuple[dict[int, str], dict[str, str]]:
    """Which prompt each reflection answered, and its words: the prompts sent to each of the
    person's teams in one read per team (not one per reflection), each text looked up once."""
    cid = ctx.community.id
    sent: dict[int, str] = {}
    for team_id in sorted({r.team_id for r in reflections if r.delivery_id is not None}):
        sent.update({d.id: d.prompt_id for d in await ctx.uow.deliveries.list(cid, team_id)})
    prompt_ids: dict[int, str] = {}
    texts: dict[str, str] = {}
    for r in reflections:
        if r.delivery_id is None or r.delivery_id in prompt_ids:
            continue
        pid = prompt_ids[r.delivery_id] = sent.get(r.delivery_id, "")
        if pid and pid not in texts:
            found = await find_prompt(ctx.uow, ctx.library, cid, pid)
            texts[pid] = found.text if found else ""
    return prompt_ids, texts


async def export_files(ctx: Ctx) -> list[ExportFile]:
    """The person's data: one JSON file with every part, and a CSV for each part that has one."""
    mine = await _gather(ctx)
    rows = {part.key: part.rows(mine) for part in PARTS}
    data: dict[str, Any] = {"community": ctx.community.id, "user": ctx.user_id}
    data["language"] = ctx.member.language or "auto"  # their `/plc me language` choice
    here = ctx.team.id if ctx.team else next((r.team_id for r in mine.roles), 0)
    data["exported_at"] = mine.local(ctx.now, here)
    for part in PARTS:
        data[part.key] = [dict(zip(part.columns, row, strict=True)) for row in rows[part.key]]
    data["pd_hours_total"] = round(sum(line.minutes for line in mine.log) / 60, 2)
    work, work_csv = await work_sections(
        ctx.uow, ctx.community.id, ctx.user_id, mine.team_names, mine.zones
    )
    data.update(work)
    csvs = [to_csv(p.csv, p.columns, rows[p.key]) for p in PARTS if p.csv is not None]
    page = certificate_html(
        ctx.user_id, label_of(ctx.community), mine.log, data["exported_at"] or ""
    )
    certificate = ExportFile("pd-certificate.html", page.encode("utf-8"), "text/html")
    portfolios = await portfolio_files(ctx)  # a package per micro-credential portfolio
    return [to_json(JSON_FILE, data), work_csv, *csvs, certificate, *portfolios]
