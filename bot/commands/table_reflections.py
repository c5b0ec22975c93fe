"""The grammar's commands for a person's own reflections over time: edit one, list them."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import intents as i
from bot.commands.spec import Spec

REFLECTION_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("reflect", "edit"),
        "<n> [--private|--facilitators|--team] <text>",
        "3 The exit tickets showed me more than I said.",
        "Change one of your reflections (its number is in `/plc me reflections`).",
        i.ReflectEdit,
        a.reflect_edit,
        details="Who reads it stays the same unless you give a choice. A post of it in the "
        "team's channel is changed too, or withdrawn if you make it private.",
    ),
    Spec(
        ("me", "reflections"),
        "[since <date>]",
        "since 2026-09-01",
        "List your own reflections, numbered (only you see the list).",
        i.MeReflections,
        a.me_reflections,
    ),
)
