"""A teacher's part of the team's work in their export: their classroom commitments, their
evidence check-ins, and the action items they own (JSON sections and one CSV)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.export import ExportFile, to_csv
from bot.ports import UnitOfWork
from bot.work import EntryKind


async def work_sections(
    uow: UnitOfWork, community_id: str, user_id: str, team_name: Mapping[int, str]
) -> tuple[dict[str, list[dict[str, Any]]], ExportFile]:
    entries = await uow.cycle_records.by_user(community_id, user_id)
    items = await uow.action_items.by_owner(community_id, user_id)

    def entry(e: Any) -> dict[str, Any]:
        return {"at": e.created_at, "team": team_name.get(e.team_id, ""), "cycle": e.cycle}

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
                "done_at": a.done_at,
            }
            for a in items
        ],
    }
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
    table = to_csv("team_work.csv", ["kind", "date", "team", "cycle", "value", "text"], rows)
    return sections, table
