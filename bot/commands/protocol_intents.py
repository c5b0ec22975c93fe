"""Intents of the protocol runner (bot.protocols): list, start, stop, and a run's step buttons
and notes. Typed like every intent (bot.commands.intents); the grammar, Discord's options,
the step card's buttons (bot.actions) and the note form build them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProtocolList:
    pass


@dataclass(frozen=True)
class ProtocolStart:
    name: str  # a protocol's id or name, as `/plc protocol list` shows them


@dataclass(frozen=True)
class ProtocolStop:
    pass


@dataclass(frozen=True)
class ProtocolNote:
    """`/plc protocol note <text>`: a note for the step the team is on."""

    text: str


@dataclass(frozen=True)
class StepNext:
    """The step card's "Next step": this step is done, post the next one."""

    step_id: int


@dataclass(frozen=True)
class StepSkip:
    step_id: int


@dataclass(frozen=True)
class StepExtend:
    """ "Add 2 min": the step's timer runs longer."""

    step_id: int


@dataclass(frozen=True)
class NoteForm:
    """ "Add note": open the note form for this step."""

    step_id: int


@dataclass(frozen=True)
class NoteSubmit:
    step_id: int
    text: str


ProtocolClick = StepNext | StepSkip | StepExtend | NoteForm

ProtocolIntent = (
    ProtocolList
    | ProtocolStart
    | ProtocolStop
    | ProtocolNote
    | StepNext
    | StepSkip
    | StepExtend
    | NoteForm
    | NoteSubmit
)
