"""How a session's agenda, roles and minutes look: the plan on the session card, the agenda
list, the agenda item form, and the minutes posted at close. Never anything from a reflection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import actions
from bot.messages import (
    Bold,
    Button,
    Code,
    Form,
    Inline,
    Italic,
    Mention,
    Message,
    MessageBuilder,
    Plain,
    TextField,
)
from bot.minutes import AGENDA_MINUTES_MAX, MeetingRole, Minutes, Plan
from bot.work import TEXT_MAX
from bot.work_cards import item_line

ROLE_ORDER = list(MeetingRole)
KEPT = (
    "Kept with the team's records: ",
    Code("/plc minutes"),
    " shows them again. No reflection is ever part of the minutes.",
)


def _roles(plan: Plan) -> list[Inline | str]:
    parts: list[Inline | str] = []
    for n, r in enumerate(sorted(plan.roles, key=lambda r: ROLE_ORDER.index(r.role))):
        parts += [" · " if n else "", f"{r.role.label}: ", Mention(r.user_id)]
    return parts


def plan_section(b: MessageBuilder, plan: Plan) -> None:
    """The agenda (with minutes) and the meeting roles, as the session card shows them."""
    if plan.roles:
        b.para(Bold("Roles: "), *_roles(plan))
    if plan.agenda:
        b.para(Bold("Agenda"), f" ({plan.total_minutes} min)")
        b.bullets([(f"{a.minutes} min — ", Plain(a.text)) for a in plan.agenda], numbered=True)


def agenda_card(plan: Plan, *, session_open: bool) -> Message:
    which = "this session" if session_open else "the next session"
    b = MessageBuilder().heading(f"Agenda of {which}")
    if not plan.agenda and not plan.roles:
        b.para(
            "Nothing planned yet. Add an item with ",
            Code("/plc agenda add <minutes> <what>"),
            " and give roles with ",
            Code("/plc session role note-taker @name"),
            ".",
        )
    plan_section(b, plan)
    b.buttons(Button("Add agenda item", actions.agenda_form()))
    return b.build()


def agenda_form() -> Form:
    return Form(
        actions.agenda_form(),
        "New agenda item",
        "Add",
        intro="One item of the meeting: how long it takes and what it is.",
        fields=(
            TextField("minutes", f"Minutes (1–{AGENDA_MINUTES_MAX})", 4, multiline=False),
            TextField("text", "What it is", TEXT_MAX, multiline=False),
        ),
    )


def _when(start: datetime, end: datetime | None, zone: str) -> str:
    tz = ZoneInfo(zone)
    opened = start.astimezone(tz)
    closed = f"–{end.astimezone(tz):%H:%M}" if end else ""
    return f"{opened:%a %-d %b %Y}, {opened:%H:%M}{closed} ({zone})"


def _section(b: MessageBuilder, title: str, rows: Sequence[tuple[Inline | str, ...]]) -> None:
    b.para(Bold(title))
    if rows:
        b.bullets(rows)
    else:
        b.para(Italic("None recorded."))


def minutes_card(minutes: Minutes) -> Message:
    """The minutes of a closed session: attendance, roles, agenda, decisions, action items,
    protocol notes and the cycle goal's status."""
    s, kept = minutes.session, minutes.kept
    topic = f": {s.topic}" if s.topic else ""
    b = MessageBuilder().heading(f"Minutes{topic} — {minutes.team_name}")
    b.para(_when(s.opened_at, s.closed_at, minutes.timezone), f" · cycle {kept.cycle}")
    people: list[Inline | str] = []
    for n, user_id in enumerate(minutes.attendees):
        people += [", " if n else "", Mention(user_id)]
    b.para(Bold(f"Attendance ({len(minutes.attendees)}): "), *(people or ["nobody marked"]))
    if minutes.plan.roles:
        b.para(Bold("Roles: "), *_roles(minutes.plan))
    agenda = [(f"{a.minutes} min — ", Plain(a.text)) for a in minutes.plan.agenda]
    _section(b, "Agenda", agenda)
    _section(b, "Decisions", [(Plain(d.text),) for d in minutes.decisions])
    today = (s.closed_at or s.opened_at).astimezone(ZoneInfo(minutes.timezone)).date()
    _section(b, "Action items", [item_line(it, today) for it in minutes.items])
    if minutes.protocol_notes:
        b.para(Bold("Protocol notes"))
        b.bullets(
            [
                (Plain(f"{n.protocol} — {n.step}: "), Plain("; ".join(n.notes)))
                for n in minutes.protocol_notes
            ]
        )
    b.para(Bold(f"Goal of cycle {kept.cycle}"))
    b.bullets([(Plain(line),) for line in kept.goal])
    b.context(*KEPT)
    return b.build()
