"""The `/plc` commands of a session's agenda, meeting roles, decisions and minutes, and how
their text reads into intents (bot.commands.minutes_intents)."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import minutes_intents as m
from bot.commands import values
from bot.commands.minutes_values import AGENDA_NUMBER
from bot.commands.spec import ParseError, Spec
from bot.commands.values import Invalid
from bot.i18n import N_, _, fill
from bot.messages import markup
from bot.minutes import MeetingRole
from bot.text import one_line, whole_number

NOBODY = ("nobody", "none", "-")
ROLE_NAMES = ", ".join(f"`{r.value}`" for r in MeetingRole)


def agenda_add(spec: Spec, rest: str) -> m.AgendaAdd:
    word, _sep, what = one_line(rest).partition(" ")
    number = whole_number(word.removesuffix("min").removesuffix("m"), digits=4)
    if number is None:
        raise ParseError(
            spec, _("Start with the item's minutes, then what it is: `10 data review`.")
        )
    return m.AgendaAdd(number, what)


def agenda_remove(spec: Spec, rest: str) -> m.AgendaRemove:
    number = whole_number(rest.strip().lstrip("#"))
    if number is None:
        raise ParseError(spec, _(AGENDA_NUMBER))
    return m.AgendaRemove(number)


def role_set(spec: Spec, rest: str) -> m.MeetingRoleSet:
    words = one_line(rest).split(" ")
    if len(words) != 2:
        raise ParseError(
            spec, _("Name one role ({roles}) and one person, like @maria.").format(roles=ROLE_NAMES)
        )
    try:
        role = MeetingRole(words[0].lower().replace("_", "-"))
    except ValueError:
        raise ParseError(
            spec,
            *fill(
                _("“{word}” is not a meeting role: {roles}."),
                word=words[0],
                roles=markup(ROLE_NAMES),
            ),
        ) from None
    if words[1].lower() in NOBODY:
        return m.MeetingRoleSet(role, None)
    return m.MeetingRoleSet(role, a.parse_user(spec, words[1]))


def minutes_show(spec: Spec, rest: str) -> m.MinutesShow:
    word = rest.strip()
    if word.lower() in ("", "last"):
        return m.MinutesShow()
    try:
        day, written = values.a_date(word)
    except Invalid as e:
        raise ParseError(spec, *e.parts) from None
    return m.MinutesShow(day, written)


MINUTES_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("agenda",),
        "",
        "",
        N_("Add an agenda item in a form: its minutes and what it is."),
        m.AgendaForm,
        a.no_args(m.AgendaForm),
    ),
    Spec(
        ("agenda", "add"),
        N_("<minutes> <what>"),
        N_("15 Look at the exit tickets together"),
        N_("Add an item to the agenda of the open session, or else of the next one."),
        m.AgendaAdd,
        agenda_add,
    ),
    Spec(
        ("agenda", "list"),
        "",
        "",
        N_("The agenda and meeting roles of the open session, or else of the next one."),
        m.AgendaList,
        a.no_args(m.AgendaList),
    ),
    Spec(
        ("agenda", "remove"),
        N_("<n>"),
        "2",
        N_("Take item n off the agenda."),
        m.AgendaRemove,
        agenda_remove,
    ),
    Spec(
        ("agenda", "clear"),
        "",
        "",
        N_("Start the agenda again from nothing."),
        m.AgendaClear,
        a.no_args(m.AgendaClear),
    ),
    Spec(
        ("session", "role"),
        N_("<facilitator|note-taker|timekeeper|norms-keeper> <@person|nobody>"),
        "note-taker @maria",
        N_("Give a meeting role for the open session, or else the next one."),
        m.MeetingRoleSet,
        role_set,
    ),
    Spec(
        ("decision",),
        N_("<what the team decided>"),
        N_("We give the exit ticket every Friday"),
        N_("Write down a decision in the open session's minutes (facilitator or note-taker)."),
        m.DecisionAdd,
        lambda spec, rest: m.DecisionAdd(one_line(rest)),
    ),
    Spec(
        ("minutes",),
        N_("[last|<date>]"),
        "2026-10-01",
        N_("Show the minutes of the last session, or of the sessions closed on that date."),
        m.MinutesShow,
        minutes_show,
    ),
)
