"""A form answered in a terminal, one field per line: what has been answered so far, and which
option a typed answer means (a number, a value or a label; Enter keeps the preselected one)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.api import Actor, ChoiceField, Form, Outcome, TextField, _, ngettext


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
    values = [v for v, _label in field.options]
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


def question(field: TextField | ChoiceField) -> str:
    """How the console asks for a field: a text's limit (and that Enter keeps what is there),
    or the numbered choices and the one Enter picks."""
    if isinstance(field, TextField):
        n = field.max_length
        hint = (
            ngettext(
                "{label} (up to {n} character, Enter keeps it):",
                "{label} (up to {n} characters, Enter keeps it):",
                n,
            )
            if field.initial
            else ngettext("{label} (up to {n} character):", "{label} (up to {n} characters):", n)
        )
        return hint.format(label=field.label, n=f"{n:,}")
    options = "  ".join(f"[{n}] {label}" for n, (_v, label) in enumerate(field.options, 1))
    kept = dict(field.options)[field.initial]
    return _("{label}: {options} (Enter: {kept})").format(
        label=field.label, options=options, kept=kept
    )
