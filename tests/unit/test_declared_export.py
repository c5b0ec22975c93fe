"""The declared configuration the panel exports reads back, through the config file's own
reader, as the same declarations: names with quotes and accents, a schedule in another zone, a
reminder's hours, an archived team, breaks for everyone and for one team."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

from bot.declared import DeclaredBreak, DeclaredSchedule, parse_communities
from bot.declared.export import declared_toml
from bot.domain import CycleStage, Team
from bot.scheduling.model import CalendarBreak, Schedule, ScheduleKind

NOW = datetime(2026, 9, 14, 15, tzinfo=UTC)


def _team(id_: int, channel: str, name: str, zone: str, archived: bool = False) -> Team:
    return Team(
        id_, "slack:T1", channel, name, zone, "en", CycleStage.ANALYZE, 1, NOW, NOW, "U1",
        archived_at=NOW if archived else None,
    )  # fmt: skip


def _schedule(n: int, kind: ScheduleKind, when: str, zone: str, **more: object) -> Schedule:
    return Schedule(n, "slack:T1", 1, kind, when, zone, "U1", NOW, None, **more)  # type: ignore[arg-type]


def test_the_export_reads_back_as_the_same_declarations() -> None:
    math = _team(1, "C1", 'Grade 4 "Math" – Équipe', "America/Chicago")
    old = _team(2, "C2", "Old team", "UTC", archived=True)
    schedules = {
        1: [
            _schedule(1, ScheduleKind.STAGE_NUDGE, "mon,wed 15:30", "America/Chicago"),
            _schedule(2, ScheduleKind.NONRESPONDER_REMINDER, "daily 16:00", "Europe/Paris",
                      after_hours=24, paused=True),
        ]
    }  # fmt: skip
    breaks = [
        CalendarBreak(1, "slack:T1", None, date(2026, 12, 21), date(2027, 1, 1), "Winter\\break", "U1"),
        CalendarBreak(2, "slack:T1", 1, date(2027, 3, 8), date(2027, 3, 8), "Testing", "U1"),
    ]  # fmt: skip
    text = declared_toml("slack:T1", ["U1", "U2"], [math, old], schedules, breaks)
    assert "# paused" in text
    (c,) = parse_communities(tomllib.loads(text)["community"])
    assert (c.id, c.admins) == ("slack:T1", ("U1", "U2"))
    assert c.calendar == (DeclaredBreak(date(2026, 12, 21), date(2027, 1, 1), "Winter\\break"),)
    first, second = c.teams
    assert (first.channel, first.name, first.timezone, first.archived) == (
        "C1", 'Grade 4 "Math" – Équipe', "America/Chicago", None,
    )  # fmt: skip
    assert first.schedules == (
        DeclaredSchedule(ScheduleKind.STAGE_NUDGE, "mon,wed 15:30", None),
        DeclaredSchedule(ScheduleKind.NONRESPONDER_REMINDER, "daily 16:00", "Europe/Paris", 24),
    )
    assert first.calendar == (DeclaredBreak(date(2027, 3, 8), date(2027, 3, 8), "Testing"),)
    assert (second.channel, second.archived, second.schedules) == ("C2", True, ())
