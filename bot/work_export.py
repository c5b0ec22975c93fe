"""A teacher's part of the team's work in their export: their classroom commitments, their
evidence check-ins, the action items they own and the notes they took in protocol runs
(JSON sections and one CSV)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from bot.export import ExportFile, local_minute, to_csv
from bot.ports import UnitOfWork
from bot.protocol_export import note_rows, protocol_notes
from bot.work import EntryKind


async def work_sections(
    uow: UnitOfWork,
    community_id: str,
    user_id: str,
    team_name: Mapping[int, str],
    zones: Mapping[int, ZoneInfo],
) -> tuple[dict[str, list[dict[str, Any]]], ExportFile]:
    """Every time is the team's local time, to the minute, with the zone named."""
    entries = await uow.cycle_records.by_user(community_id, user_id)
    items = await uow.action_items.by_owner(community_id, user_id)

    def local(at: Any, team_id: int) -> str | None:
        return local_minute(at, zones.get(team_id, ZoneInfo("UTC")))

    def entry(e: Any) -> dict[str, Any]:
        return {
            "at": local(e.created_at, e.team_id),
            "team": team_name.get(e.team_id, ""),
            "cycle": e.cycle,
        }

    sections: dict[str, list[dict[str, Any]]] = {
        "commitments": [
            {**entry(e), "text": e.text} for e in entries if e.kind is EntryKind.COMMITMENT
        ],
        "evidence": [
            {**entry(e), "percent": e.percent, "note": e.text}
            for e in entries
            if e.kind is EntryKind.EVIDENCE
        ],
        "action_items": [
            {
                "id": a.id,
                "team": team_name.get(a.team_id, ""),
                "text": a.text,
                "due_on": a.due_on,
                "status": a.status.value,
                "done_at": local(a.done_at, a.team_id),
            }
            for a in items
        ],
        "protocol_notes": await protocol_notes(uow, community_id, user_id, team_name, local),
    }
    table = to_csv(
        "team_work.csv", ["kind", "date", "team", "cycle", "value", "text"], _rows(sections)
    )
    return sections, table


def _rows(sections: Mapping[str, list[dict[str, Any]]]) -> list[list[Any]]:
    """The sections as one CSV's rows: kind, date, team, cycle, value, text."""
    rows = [
        ["commitment", r["at"], r["team"], r["cycle"], "", r["text"]]
        for r in sections["commitments"]
    ]
    rows += [
        ["evidence", r["at"], r["team"], r["cycle"], r["percent"], r["note"]]
        for r in sections["evidence"]
    ]
    rows += [
        ["action_item", r["due_on"], r["team"], "", r["status"], r["text"]]
        for r in sections["action_items"]
    ]
    rows += note_rows(sections["protocol_notes"])
    return rows
