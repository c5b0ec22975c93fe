"""How a protocol run looks in the channel: the library's list, each step's card (with its
buttons and timer), the note form, and the run's notes at the end. Notes are team-visible
meeting notes, and every card that invites them says so."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import actions
from bot.domain import Team
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

TEAM_NOTES = (
    "Notes here are the team's meeting notes: everyone in this channel sees them and they go "
    "into the session's minutes. Keep private thoughts for /plc reflect."
)
HOW_TO_NOTE = "Add a note: reply in this message's thread, or use Add note."


def clock_text(at: datetime, team: Team) -> str:
    return at.astimezone(ZoneInfo(team.timezone)).strftime("%H:%M")


def library_card(library: PromptLibrary, team: Team) -> Message:
    b = MessageBuilder().heading("Protocols this team can run")
    fits = library.stage(team.stage).protocol.id
    for protocol in library.protocols.values():
        suggested = " · suggested for this stage" if protocol.id == fits else ""
        b.para(
            Bold(protocol.name),
            " · ",
            Code(protocol.id),
            f" · {len(protocol.steps)} steps, about {protocol.minutes} min{suggested}",
        )
        steps = " · ".join(f"{s.name} ({s.minutes})" for s in protocol.steps)
        stages = ", ".join(s.value for s in protocol.stages)
        b.para(Italic(protocol.purpose), f" Fits: {stages}. Steps: {steps}.")
    b.context(
        "Start one with /plc protocol start <id>, like /plc protocol start notice-and-wonder."
    )
    return b.build()


def step_card(run: ProtocolRun, step: RunStep, of: int, team: Team) -> Message:
    """The card of the step the team is on: what to do, the timer, the buttons."""
    b = MessageBuilder().heading(f"{run.name} · step {step.position} of {of}: {step.name}")
    b.para(step.prompt)
    b.para(
        Bold(f"About {step.minutes} min"),
        f" · until {clock_text(step.ends_at, team)} ({team.timezone})",
    )
    b.context(HOW_TO_NOTE, " ", TEAM_NOTES)
    last = step.position == of
    b.buttons(
        Button(
            "Finish" if last else "Next step",
            actions.step_button("next", step.id),
            ButtonStyle.PRIMARY,
        ),
        Button(f"Add {EXTEND_MINUTES} min", actions.step_button("more", step.id)),
        Button("Skip", actions.step_button("skip", step.id)),
        Button("Add note", actions.step_button("note", step.id)),
    )
    return b.build()


def ended_card(run: ProtocolRun, step: RunStep, of: int, notes: int, team: Team) -> Message:
    """A step card once the team has moved on: no buttons, what happened to it."""
    b = MessageBuilder().heading(f"{run.name} · step {step.position} of {of}: {step.name}")
    b.para(step.prompt)
    how = {StepEnd.NEXT: "Done", StepEnd.SKIPPED: "Skipped", StepEnd.STOPPED: "Stopped"}
    at = clock_text(step.ended_at, team) if step.ended_at else ""
    noted = f" · {notes} note{'s' if notes != 1 else ''}" if notes else ""
    b.context(f"{how.get(step.ended or StepEnd.NEXT, 'Done')} at {at}{noted}.")
    return b.build()


def run_notes(
    run: ProtocolRun, steps: Sequence[RunStep], notes: Sequence[ProtocolNote], *, stopped: bool
) -> Message:
    """Posted when a run ends: each step and the notes the team took in it."""
    title = "stopped" if stopped else "complete"
    b = MessageBuilder().heading(f"{run.name}: {title}")
    for step in steps:
        mine = [n for n in notes if n.step_id == step.id]
        skipped = " (skipped)" if step.ended is StepEnd.SKIPPED else ""
        b.para(Bold(f"{step.position}. {step.name}"), skipped)
        if mine:
            b.bullets([(Mention(n.author_id), ": ", Plain(n.text)) for n in mine])
    if not notes:
        b.para("No notes were taken.")
    where = "the session's minutes" if run.session_id else "the team's records"
    b.context(f"These notes are kept with {where}.")
    return b.build()


def note_form(step: RunStep) -> Form:
    return Form(
        actions.step_button("note", step.id),
        "Add a note",
        "Add note",
        intro=f"Step {step.position}: {step.name}. {TEAM_NOTES}",
        fields=(TextField("text", "Note", NOTE_MAX),),
    )


def started_reply(protocol: ProtocolInfo, session_open: bool) -> Message:
    b = MessageBuilder().para(
        "Started ",
        Bold(protocol.name),
        f": {len(protocol.steps)} steps, about {protocol.minutes} min. ",
        "Each step is posted here in turn.",
    )
    if not session_open:
        b.para(
            "No session is open, so these notes will not be in a session's minutes. "
            "To have them there, stop with ",
            Code("/plc protocol stop"),
            ", open a session with ",
            Code("/plc session open"),
            " and start again.",
        )
    return b.build()
