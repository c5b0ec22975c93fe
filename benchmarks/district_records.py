"""A seeded team's records besides its sessions: stage changes, the cycle's record (need,
goal, design, every teacher's commitment and evidence), action items and schedules."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from benchmarks.district_seed import (
    ADMIN,
    FIRST_MONDAY,
    STAGES,
    ZONE,
    Shape,
    session_start,
    stage_at,
)
from storage.schedule_tables import ScheduleRow
from storage.tables import StageChangeRow
from storage.work_tables import ActionItemRow, CycleEntryRow

Add = Callable[[Any, dict[str, Any]], None]


def team_records(
    add: Add, s: Shape, rng: random.Random, now: datetime, team_id: int, t: int, members: list[str]
) -> None:
    """A team's stage changes, its cycle's record, its action items and its schedules."""
    fac, on = f"F{t:04d}", {"team_id": team_id}
    for w in range(0, min(s.weeks, 7 * len(STAGES)), 7):
        at = session_start(s, t, w)
        add(StageChangeRow, {**on, "cycle": 1, "stage": stage_at(w).value,
                                  "started_at": at, "changed_by": fac})  # fmt: skip
    entries: list[tuple[str, str | None, list[str], int | None]] = [("need", None, ["fall screener: 41% below benchmark"], None),
               ("goal", None, ["explain fraction equivalence", "unit test", "80%", "May"],
                None), ("design", None, ["number talks"], None)]  # fmt: skip
    entries += [("commitment", u, [], None) for u in members]
    entries += [("evidence", u, ["unit test"], rng.randint(40, 95)) for u in members]
    for n, (kind, user, detail, percent) in enumerate(entries):
        add(CycleEntryRow, {**on, "cycle": 1, "kind": kind, "text": f"{kind} {n}",
                                 "detail": detail, "percent": percent, "user_id": user,
                                 "written_by": user or fac,
                                 "created_at": session_start(s, t, min(n, s.weeks - 1))})  # fmt: skip
    for n in range(12):
        owner, at = rng.choice(members), session_start(s, t, (n * 3) % s.weeks)
        done = n % 2 == 0
        add(ActionItemRow, {**on, "user_id": owner, "text": f"Bring student work {n}",
                                 "due_on": (at + timedelta(days=7)).date(),
                                 "status": "done" if done else "open", "created_by": fac,
                                 "created_at": at, "done_at": at if done else None,
                                 "done_by": owner if done else None})  # fmt: skip
    for kind, when in (("checkin", "mon 15:30"), ("reflection_prompt", "mon 16:55"),
                       ("stage_nudge", "fri 08:00")):  # fmt: skip
        add(ScheduleRow, {**on, "kind": kind, "when": when, "timezone": ZONE,
                               "created_by": ADMIN, "created_at": FIRST_MONDAY,
                               "next_fire_at": now + timedelta(days=2),
                               "paused": False, "runs": s.weeks, "after_hours": None})  # fmt: skip
