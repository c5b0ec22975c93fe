"""A teacher's notes from protocol runs, for their export (bot.work_export puts them in)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.ports import UnitOfWork


async def protocol_notes(
    uow: UnitOfWork,
    community_id: str,
    user_id: str,
    team_name: Mapping[int, str],
    local: Callable[[datetime, int], str | None],
) -> list[dict[str, Any]]:
    """Each of the person's notes: when (the team's local time), the team, the protocol, the
    step, and the words."""
    return [
        {
            "at": local(n.created_at, s.run.team_id),
            "team": team_name.get(s.run.team_id, ""),
            "protocol": s.run.name,
            "step": f"{s.step.position}. {s.step.name}",
            "text": n.text,
        }
        for s in await uow.protocol_runs.notes_by(community_id, user_id)
        for n in s.notes
    ]


def note_rows(notes: list[dict[str, Any]]) -> list[list[Any]]:
    """The notes as rows of team_work.csv: kind, date, team, cycle, value (the step), text."""
    return [["protocol_note", n["at"], n["team"], "", n["step"], n["text"]] for n in notes]
