"""The rules the protocol intents' values meet (bot.commands.values runs them at the door)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.commands import protocol_intents as p
from bot.commands.values import Invalid
from bot.i18n import N_, _, ngettext
from bot.protocols import NOTE_MAX

STEP = N_("That button is out of date. Please use the latest step card.")  # said with _()


def _note(text: str) -> None:
    if not text.strip():
        raise Invalid(
            _(
                "Write the note after `protocol note`, like "
                "`/plc protocol note most errors were on fractions greater than one`."
            ),
            field="text",
        )
    if len(text) > NOTE_MAX:
        raise Invalid(
            ngettext(
                "That is {n} character; keep a note to {most}.",
                "That is {n} characters; keep a note to {most}.",
                len(text),
            ).format(n=f"{len(text):,}", most=f"{NOTE_MAX:,}"),
            field="text",
        )


def _step(step_id: int) -> None:
    if step_id < 1:
        raise Invalid(_(STEP))


PROTOCOL_CHECKS: dict[type, Callable[[Any], object]] = {
    p.ProtocolNote: lambda c: _note(c.text),
    p.NoteSubmit: lambda c: _note(c.text),
    p.StepNext: lambda c: _step(c.step_id),
    p.StepSkip: lambda c: _step(c.step_id),
    p.StepExtend: lambda c: _step(c.step_id),
    p.NoteForm: lambda c: _step(c.step_id),
}
