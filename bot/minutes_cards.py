"""How a session's agenda, roles and minutes look: the plan on the session card, the agenda
list, the agenda item form, and the minutes posted at close. Never anything from a reflection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import actions
from bot.day_words import date_text
from bot.i18n import _, fill
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


def _kept() -> tuple[Inline | str, ...]:
    return fill(
        _(
            "Kept with the team's records: {command} shows them again. "
            "No reflection is ever part of the minutes."
        ),
        command=Code("/plc minutes"),
    )


def _roles(plan: Plan) -> list[Inline | str]:
    parts: list[Inline | str] = []
    for n, r in enumerate(sorted(plan.roles, key=lambda r: ROLE_ORDER.index(r.role))):
        parts += [" · " if n else "", f"{r.role.label}: ", Mention(r.user_id)]
    return parts


def plan_section(b: MessageBuilder, plan: Plan) -> None:
    """The agenda (with minutes) and the meeting roles, as the session card shows them."""
    if plan.roles:
        b.para(Bold(_("Roles: ")), *_roles(plan))
    if plan.agenda:
        b.para(Bold(_("Agenda")), _(" ({minutes} min)").format(minutes=plan.total_minutes))
        b.bullets([_agenda_row(a.minutes, a.text) for a in plan.agenda], numbered=True)


def _agenda_row(minutes: int, what: str) -> tuple[Inline | str, ...]:
    return (_("{minutes} min — ").format(minutes=minutes), Plain(what))


def agenda_card(plan: Plan, *, session_open: bool) -> Message:
    b = MessageBuilder().heading(
        _("Agenda of this session") if session_open else _("Agenda of the next session")
    )
    if not plan.agenda and not plan.roles:
        b.para(
            *fill(
                _("Nothing planned yet. Add an item with {add} and give roles with {role}."),
                add=Code("/plc agenda add <minutes> <what>"),
                role=Code("/plc session role note-taker @name"),
            )
        )
    plan_section(b, plan)
    b.buttons(Button(_("Add agenda item"), actions.agenda_form()))
    return b.build()


def agenda_form() -> Form:
    return Form(
        actions.agenda_form(),
        _("New agenda item"),
        _("Add"),
        intro=_("One item of the meeting: how long it takes and what it is."),
        fields=(
            TextField(
                "minutes",
                _("Minutes (1–{max})").format(max=AGENDA_MINUTES_MAX),
                4,
                multiline=False,
            ),
            TextField("text", _("What it is"), TEXT_MAX, multiline=False),
        ),
    )


def _when(start: datetime, end: datetime | None, zone: str) -> str:
    tz = ZoneInfo(zone)
    opened = start.astimezone(tz)
    closed = f"–{end.astimezone(tz):%H:%M}" if end else ""
    day = date_text(opened, opened.date(), "%a %-d %b %Y")
    return f"{day}, {opened:%H:%M}{closed} ({zone})"


def _section(b: MessageBuilder, title: str, rows: Sequence[tuple[Inline | str, ...]]) -> None:
    b.para(Bold(title))
    if rows:
        b.bullets(rows)
    else:
        b.para(Italic(_("None recorded.")))


def minutes_card(minutes: Minutes) -> Message:
    """The minutes of a closed session: attendance, roles, agenda, decisions, action items,
    protocol notes and the cycle goal's status."""
    s, kept = minutes.session, minutes.kept
    b = MessageBuilder().heading(
        _("Minutes: {topic} — {team}").format(topic=s.topic, team=minutes.team_name)
        if s.topic
        else _("Minutes — {team}").format(team=minutes.team_name)
    )
    when = _when(s.opened_at, s.closed_at, minutes.timezone)
    b.para(_("{when} · cycle {cycle}").format(when=when, cycle=kept.cycle))
    people: list[Inline | str] = []
    for n, user_id in enumerate(minutes.attendees):
        people += [", " if n else "", Mention(user_id)]
    count = len(minutes.attendees)
    b.para(Bold(_("Attendance ({n}): ").format(n=count)), *(people or [_("nobody marked")]))
    if minutes.plan.roles:
        b.para(Bold(_("Roles: ")), *_roles(minutes.plan))
    agenda = [_agenda_row(a.minutes, a.text) for a in minutes.plan.agenda]
    _section(b, _("Agenda"), agenda)
    _section(b, _("Decisions"), [(Plain(d.text),) for d in minutes.decisions])
    today = (s.closed_at or s.opened_at).astimezone(ZoneInfo(minutes.timezone)).date()
    _section(b, _("Action items"), [item_line(it, today) for it in minutes.items])
    if minutes.protocol_notes:
        b.para(Bold(_("Protocol notes")))
        b.bullets(
            [
                (Plain(f"{n.protocol} — {n.step}: "), Plain("; ".join(n.notes)))
                for n in minutes.protocol_notes
            ]
        )
    b.para(Bold(_("Goal of cycle {cycle}").format(cycle=kept.cycle)))
    b.bullets([(Plain(line),) for line in kept.goal])
    b.context(*_kept())
    return b.build()
