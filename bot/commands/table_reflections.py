"""The grammar's commands for a person's record over time: their reflections (edit one, list
them), attendance at sessions and the PD-hours log."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import arguments_records as r
from bot.commands import intents as i
from bot.commands.spec import Spec
from bot.i18n import N_

REFLECTION_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("reflect", "edit"),
        N_("<n> [--private|--facilitators|--team] <text>"),
        N_("3 The exit tickets showed me more than I said."),
        N_("Change one of your reflections (its number is in `/plc me reflections`)."),
        i.ReflectEdit,
        r.reflect_edit,
        details=N_(
            "Who reads it stays the same unless you give a choice. A post of it in the "
            "team's channel is changed too, or withdrawn if you make it private."
        ),
    ),
    Spec(
        ("me", "reflections"),
        N_("[since <date>]"),
        "since 2026-09-01",
        N_("List your own reflections, numbered (only you see the list)."),
        i.MeReflections,
        r.me_reflections,
    ),
    Spec(("here",), "", "", N_("Say you are at the open session."), i.Here, a.no_args(i.Here)),
    Spec(
        ("attend",),
        N_("<@person> [@person …]"),
        "@maria @jon",
        N_("Mark people present at the open (or last) session."),
        i.Attend,
        r.attend,
    ),
    Spec(
        ("attend", "confirm"),
        "",
        "",
        N_("Sign off the attendance of the open (or last) session for PD hours."),
        i.AttendConfirm,
        a.no_args(i.AttendConfirm),
        details=N_(
            "Whoever checked in counts as present. Signed-off sessions show in each "
            "teacher's PD-hours log and certificate."
        ),
    ),
    Spec(
        ("me", "pdhours"),
        N_("[since <date>]"),
        "since 2026-09-01",
        N_("Your PD hours: each session you were at, and the totals (only you see them)."),
        i.MePdHours,
        r.me_pdhours,
    ),
)
