"""How a protocol run looks in the channel: the library's list, each step's card (with its
buttons and timer), the note form, and the run's notes at the end. Notes are team-visible
meeting notes, and every card that invites them says so."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import actions
from bot.domain import Team
from bot.i18n import N_, _, fill, ngettext
from bot.library import PromptLibrary
from bot.messages import (
    Bold,
    Button,
    ButtonStyle,
    Code,
    Form,
    Italic,
    Mention,
    Message,
    MessageBuilder,
    Plain,
    TextField,
)
from bot.protocols import (
    EXTEND_MINUTES,
    NOTE_MAX,
    ProtocolInfo,
    ProtocolNote,
    ProtocolRun,
    RunStep,
    StepEnd,
)

# Said through `_` where they are used (the reader's language is known only then).
TEAM_NOTES = N_(
    "Notes here are the team's meeting notes: everyone in this channel sees them and they go "
    "into the session's minutes. Keep private thoughts for /plc reflect."
)
HOW_TO_NOTE = N_("Add a note: reply in this message's thread, or use Add note.")
ENDED = {
    StepEnd.NEXT: N_("Done at {time}{notes}."),
    StepEnd.SKIPPED: N_("Skipped at {time}{notes}."),
    StepEnd.STOPPED: N_("Stopped at {time}{notes}."),
}


def clock_text(at: datetime, team: Team) -> str:
    return at.astimezone(ZoneInfo(team.timezone)).strftime("%H:%M")


def library_card(library: PromptLibrary, team: Team) -> Message:
    b = MessageBuilder().heading(_("Protocols this team can run"))
    fits = library.stage(team.stage).protocol.id
    for protocol in library.protocols.values():
        n = len(protocol.steps)
        size = ngettext(" · {n} step, about {minutes} min", " · {n} steps, about {minutes} min", n)
        suggested = _(" · suggested for this stage") if protocol.id == fits else ""
        b.para(
            Bold(protocol.name),
            " · ",
            Code(protocol.id),
            size.format(n=n, minutes=protocol.minutes) + suggested,
        )
        steps = " · ".join(f"{s.name} ({s.minutes})" for s in protocol.steps)
        stages = ", ".join(s.value for s in protocol.stages)
        b.para(
            Italic(protocol.purpose),
            _(" Fits: {stages}. Steps: {steps}.").format(stages=stages, steps=steps),
        )
    b.context(
        _("Start one with /plc protocol start <id>, like /plc protocol start notice-and-wonder.")
    )
    return b.build()


def step_card(run: ProtocolRun, step: RunStep, of: int, team: Team) -> Message:
    """The card of the step the team is on: what to do, the timer, the buttons."""
    b = MessageBuilder().heading(_step_title(run, step, of))
    b.para(step.prompt)
    b.para(
        Bold(_("About {minutes} min").format(minutes=step.minutes)),
        _(" · until {time} ({zone})").format(
            time=clock_text(step.ends_at, team), zone=team.timezone
        ),
    )
    b.context(_(HOW_TO_NOTE), " ", _(TEAM_NOTES))
    last = step.position == of
    b.buttons(
        Button(
            _("Finish") if last else _("Next step"),
            actions.step_button("next", step.id),
            ButtonStyle.PRIMARY,
        ),
        Button(
            _("Add {minutes} min").format(minutes=EXTEND_MINUTES),
            actions.step_button("more", step.id),
        ),
        Button(_("Skip"), actions.step_button("skip", step.id)),
        Button(_("Add note"), actions.step_button("note", step.id)),
    )
    return b.build()


def ended_card(run: ProtocolRun, step: RunStep, of: int, notes: int, team: Team) -> Message:
    """A step card once the team has moved on: no buttons, what happened to it."""
    b = MessageBuilder().heading(_step_title(run, step, of))
    b.para(step.prompt)
    at = clock_text(step.ended_at, team) if step.ended_at else ""
    noted = ngettext(" · {n} note", " · {n} notes", notes).format(n=notes) if notes else ""
    b.context(_(ENDED[step.ended or StepEnd.NEXT]).format(time=at, notes=noted))
    return b.build()


def _step_title(run: ProtocolRun, step: RunStep, of: int) -> str:
    return _("{protocol} · step {position} of {of}: {step}").format(
        protocol=run.name, position=step.position, of=of, step=step.name
    )


def run_notes(
    run: ProtocolRun, steps: Sequence[RunStep], notes: Sequence[ProtocolNote], *, stopped: bool
) -> Message:
    """Posted when a run ends: each step and the notes the team took in it."""
    title = _("{protocol}: stopped") if stopped else _("{protocol}: complete")
    b = MessageBuilder().heading(title.format(protocol=run.name))
    for step in steps:
        mine = [n for n in notes if n.step_id == step.id]
        skipped = _(" (skipped)") if step.ended is StepEnd.SKIPPED else ""
        b.para(Bold(f"{step.position}. {step.name}"), skipped)
        if mine:
            b.bullets([(Mention(n.author_id), ": ", Plain(n.text)) for n in mine])
    if not notes:
        b.para(_("No notes were taken."))
    b.context(
        _("These notes are kept with the session's minutes.")
        if run.session_id
        else _("These notes are kept with the team's records.")
    )
    return b.build()


def note_form(step: RunStep) -> Form:
    return Form(
        actions.step_button("note", step.id),
        _("Add a note"),
        _("Add note"),
        intro=_("Step {position}: {step}. {notes}").format(
            position=step.position, step=step.name, notes=_(TEAM_NOTES)
        ),
        fields=(TextField("text", _("Note"), NOTE_MAX),),
    )


def started_reply(protocol: ProtocolInfo, session_open: bool) -> Message:
    n = len(protocol.steps)
    b = MessageBuilder().para(
        *fill(
            ngettext(
                "Started {protocol}: {n} step, about {minutes} min. "
                "Each step is posted here in turn.",
                "Started {protocol}: {n} steps, about {minutes} min. "
                "Each step is posted here in turn.",
                n,
            ),
            protocol=Bold(protocol.name),
            n=str(n),
            minutes=str(protocol.minutes),
        )
    )
    if not session_open:
        b.para(
            *fill(
                _(
                    "No session is open, so these notes will not be in a session's minutes. "
                    "To have them there, stop with {stop}, open a session with {open} "
                    "and start again."
                ),
                stop=Code("/plc protocol stop"),
                open=Code("/plc session open"),
            )
        )
    return b.build()
