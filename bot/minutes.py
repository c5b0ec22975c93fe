"""A session's agenda, meeting roles, decisions and minutes. Plain frozen dataclasses; rows
live in storage/minutes_tables.py. Nothing here is ever read from a reflection: the minutes
are built from the session, its attendance, agenda, roles, decisions, the action items added
while it was open, the protocol notes and the cycle's goal."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from bot.domain import Session
from bot.i18n import N_, _
from bot.work import TEXT_MAX, ActionItem

AGENDA_MINUTES_MAX = 240  # one item of a meeting: four hours is already more than a meeting
AGENDA_MAX = 20  # items on one agenda
DECISION_MAX = TEXT_MAX


class MeetingRole(enum.StrEnum):
    """The roles a facilitator gives for one meeting (not the team's standing roles)."""

    FACILITATOR = "facilitator"
    NOTE_TAKER = "note-taker"
    TIMEKEEPER = "timekeeper"
    NORMS_KEEPER = "norms-keeper"

    @property
    def label(self) -> str:
        """The role's name as a person reads it, in the language being spoken."""
        return _(ROLE_LABELS[self])


ROLE_LABELS = {
    MeetingRole.FACILITATOR: N_("Facilitator"),
    MeetingRole.NOTE_TAKER: N_("Note taker"),
    MeetingRole.TIMEKEEPER: N_("Timekeeper"),
    MeetingRole.NORMS_KEEPER: N_("Norms keeper"),
}


@dataclass(frozen=True)
class AgendaItem:
    id: int
    community_id: str
    team_id: int
    session_id: int | None  # None: the team's next session's agenda
    minutes: int
    text: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class RoleAssignment:
    community_id: str
    team_id: int
    session_id: int | None  # None: for the team's next session
    role: MeetingRole
    user_id: str
    assigned_by: str
    assigned_at: datetime


@dataclass(frozen=True)
class Decision:
    id: int
    community_id: str
    team_id: int
    session_id: int
    text: str
    written_by: str
    created_at: datetime


@dataclass(frozen=True)
class KeptMinutes:
    """What is kept when a session closes; the rest of the minutes is read again from the
    session's own records. `goal` is the cycle goal's status at that moment, as lines."""

    id: int
    community_id: str
    team_id: int
    session_id: int
    cycle: int
    goal: tuple[str, ...]
    created_at: datetime


@dataclass(frozen=True)
class StepNotes:
    """The notes captured for one step of a protocol run during the session (the protocol
    runner fills these from its runs: bot.protocol_ports.ProtocolRuns.notes_for_session)."""

    protocol: str
    step: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What a meeting is to follow: its agenda and roles (shown on the session card)."""

    agenda: tuple[AgendaItem, ...] = ()
    roles: tuple[RoleAssignment, ...] = ()

    @property
    def total_minutes(self) -> int:
        return sum(a.minutes for a in self.agenda)


@dataclass(frozen=True)
class Minutes:
    """The minutes of one closed session, read model for the renderer."""

    team_name: str
    timezone: str
    session: Session
    kept: KeptMinutes
    attendees: tuple[str, ...]  # user ids, in the order they arrived
    plan: Plan
    decisions: tuple[Decision, ...]
    items: tuple[ActionItem, ...]
    protocol_notes: tuple[StepNotes, ...]
