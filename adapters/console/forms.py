"""A form answered in a terminal, one field per line: what has been answered so far, and which
option a typed answer means (a number, a value or a label; Enter keeps the preselected one)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.api import Actor, ChoiceField, Form, Outcome


@dataclass
class PendingForm:
    form: Form
    actor: Actor
    answers: dict[str, str]
    index: int = 0


def choice_of(field: ChoiceField, answer: str) -> str | None:
    """The option meant by a number, a value or a label; Enter keeps the preselected one."""
    if not answer:
        return field.initial
    values = [v for v, _ in field.options]
    if answer.isdigit() and 1 <= int(answer) <= len(values):
        return values[int(answer) - 1]
    for value, label in field.options:
        if answer.casefold() in (value.casefold(), label.casefold()):
            return value
    return None


def asked_again(pending: PendingForm, outcome: Outcome) -> PendingForm | None:
    """When the core refused a field of the form, the same form again from that field, the
    other answers kept (a terminal shows the error, then asks for the field again)."""
    fields = [f.id for f in pending.form.fields]
    for refused in outcome.field_errors:
        if refused in fields:
            return PendingForm(
                pending.form, pending.actor, dict(pending.answers), fields.index(refused)
            )
    return None
