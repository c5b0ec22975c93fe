"""The core's Form as a Discord modal, and a modal submission back as plain values.

discord.py 2.7 has `ui.Label`, so a ChoiceField becomes a real select menu inside the modal
(Discord's label component), and the prompt text a text display above the fields. The modal's
custom_id is the form's Action id; the submission is read from the interaction payload by
`values_of`, so a form opened by an earlier process is still understood."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import discord
from discord import ui

from adapters.discord.render import escape, fit
from bot.api import ChoiceField, Form, TextField

TITLE_MAX = 45
LABEL_MAX = 45
TEXT_INPUT_MAX = 4000
PLACEHOLDER_MAX = 100
OPTION_LABEL_MAX = 100
OPTIONS_MAX = 25
INTRO_MAX = 4000


def modal_of(form: Form) -> ui.Modal:
    modal = ui.Modal(title=fit(form.title, TITLE_MAX), custom_id=form.action.id, timeout=None)
    if form.intro:
        modal.add_item(ui.TextDisplay(fit(escape(form.intro), INTRO_MAX)))
    for field in form.fields[: 5 - len(modal.children)]:
        modal.add_item(ui.Label(text=fit(field.label, LABEL_MAX), component=_input(field)))
    return modal


def _input(field: TextField | ChoiceField) -> ui.Item[Any]:
    if isinstance(field, TextField):
        return ui.TextInput(
            custom_id=field.id,
            style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
            max_length=min(field.max_length, TEXT_INPUT_MAX),
            default=field.initial[:TEXT_INPUT_MAX] or None,
            placeholder=field.placeholder[:PLACEHOLDER_MAX] or None,
            required=field.required,
        )
    options = [
        discord.SelectOption(
            label=fit(label, OPTION_LABEL_MAX), value=value, default=value == field.initial
        )
        for value, label in field.options[:OPTIONS_MAX]
    ]
    return ui.Select(custom_id=field.id, options=options, min_values=1, max_values=1)


def values_of(components: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """{custom_id: value} from a modal submission: text inputs, and a select's first choice."""
    values: dict[str, str] = {}
    for component in components:
        if "components" in component:  # an action row
            values.update(values_of(component["components"]))
        elif "component" in component:  # a label
            values.update(values_of([component["component"]]))
        elif "custom_id" in component:
            if "value" in component:
                values[component["custom_id"]] = str(component["value"] or "")
            elif component.get("values"):
                values[component["custom_id"]] = str(component["values"][0])
    return values
