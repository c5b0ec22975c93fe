"""The `/plc protocol` commands, and how their text reads into intents."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import protocol_intents as p
from bot.commands.spec import ParseError, Spec
from bot.i18n import N_, _
from bot.text import clean, one_line


def _start(spec: Spec, rest: str) -> p.ProtocolStart:
    name = one_line(rest)
    if not name:
        raise ParseError(spec, _("Name the protocol to run; `/plc protocol list` shows them."))
    return p.ProtocolStart(name)


def _note(spec: Spec, rest: str) -> p.ProtocolNote:
    return p.ProtocolNote(clean(rest))


PROTOCOL_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("protocol", "list"),
        "",
        "",
        N_("The protocols the team can run, with their steps and minutes."),
        p.ProtocolList,
        a.no_args(p.ProtocolList),
    ),
    Spec(
        ("protocol", "start"),
        N_("<protocol>"),
        "notice-and-wonder",
        N_("Run a protocol in this channel, one step at a time, with a timer and notes per step."),
        p.ProtocolStart,
        _start,
    ),
    Spec(
        ("protocol", "note"),
        N_("<note>"),
        N_("Most errors were on fractions greater than one"),
        N_(
            "Add a note to the step the team is on (the whole team sees it; it goes in the minutes)."
        ),
        p.ProtocolNote,
        _note,
    ),
    Spec(
        ("protocol", "stop"),
        "",
        "",
        N_("Stop the protocol the team is running; its notes are kept."),
        p.ProtocolStop,
        a.no_args(p.ProtocolStop),
    ),
)
