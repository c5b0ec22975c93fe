"""Attendance, kept apart from the check-in: who was at a session (they said "here", checked
in, or a facilitator marked them), and the facilitator's sign-off that makes it a PD record.

A teacher's PD-hours log has a line per session attended: its date, start and end in the team's
zone (to the minute, the zone named), minutes, team, topic, stage, the facilitator who ran it,
and who signed the attendance off (empty until a facilitator confirms)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain import Session, Team
from bot.i18n import _


@dataclass(frozen=True)
class Attendance:
    community_id: str
    team_id: int
    session_id: int
    user_id: str
    marked_at: datetime
    marked_by: str  # the person themselves, or the facilitator who marked them
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None


@dataclass(frozen=True)
class PdLine:
    day: date
    start: str  # "15:30", in the team's zone
    end: str  # "17:00", or "" while the session is open
    zone: str
    minutes: int
    team: str
    topic: str
    stage: str
    facilitator: str  # a user id
    signed_off_by: str  # a user id, or "" until confirmed


def pd_line(session: Session, team: Team, signed_off_by: str | None, now: datetime) -> PdLine:
    zone = ZoneInfo(team.timezone)
    start = session.opened_at.astimezone(zone)
    end = session.closed_at.astimezone(zone) if session.closed_at else None
    minutes = int(((session.closed_at or now) - session.opened_at).total_seconds() // 60)
    return PdLine(
        day=start.date(),
        start=f"{start:%H:%M}",
        end=f"{end:%H:%M}" if end else "",
        zone=team.timezone,
        minutes=minutes,
        team=team.name,
        topic=session.topic,
        stage=session.stage.value,
        facilitator=session.opened_by,
        signed_off_by=signed_off_by or "",
    )


def hours(minutes: int) -> str:
    return _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")
