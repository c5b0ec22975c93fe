"""The rules the work intents' values meet (bot.commands.values runs them at the door)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.commands import work_intents as w
from bot.commands.values import Invalid, in_range, too_long
from bot.i18n import N_, _, ngettext
from bot.work import PERCENT_MAX, TEXT_MAX

PERCENT = N_(
    "Give the share of your students who met the target as a number from 0 to {most}, "
    "like `/plc evidence 60 most got the number line right`."
)
ITEM_NUMBER = N_("Give the action item's number, as `/plc action list` shows it.")


def _said(text: str, what: str) -> None:
    if not text.strip():
        raise Invalid(_(what) if what else what)
    if len(text) > TEXT_MAX:
        raise Invalid(too_long(len(text), TEXT_MAX))


def _goal(cmd: w.GoalSet) -> None:
    given = [f for f in (cmd.what, cmd.measure, cmd.target, cmd.by) if f.strip()]
    if not given:
        raise Invalid(
            _(
                "Give at least one field of the goal, like "
                "`/plc goal set what: place fractions on a number line measure: exit ticket`, "
                "or open the form with `/plc goal`."
            )
        )
    for value in given:
        _said(value, "")


def _evidence(cmd: w.EvidenceAdd) -> None:
    if not 0 <= cmd.percent <= PERCENT_MAX:
        raise Invalid(_(PERCENT).format(most=PERCENT_MAX))
    if len(cmd.note) > TEXT_MAX:
        raise Invalid(
            ngettext(
                "The note is {n} character; keep it to {most}.",
                "The note is {n} characters; keep it to {most}.",
                len(cmd.note),
            ).format(n=f"{len(cmd.note):,}", most=f"{TEXT_MAX:,}")
        )


def _action(cmd: w.ActionAdd) -> None:
    _said(
        cmd.text,
        N_("Say what is to be done, like `/plc action add @maria share the rubric by 2026-10-02`."),
    )
    in_range(cmd.due_on)


def _item_number(cmd: w.ActionDone) -> None:
    if cmd.item_id < 1:
        raise Invalid(_(ITEM_NUMBER))


WORK_CHECKS: dict[type, Callable[[Any], object]] = {
    w.NeedSet: lambda c: _said(c.text, N_("Describe the student learning need after `need set`.")),
    w.GoalSet: _goal,
    w.DesignAdd: lambda c: _said(c.text, N_("Describe the learning design after `design add`.")),
    w.CommitSet: lambda c: _said(
        c.text, N_("Say what you will try in your classroom after `commit`.")
    ),
    w.EvidenceAdd: _evidence,
    w.ActionAdd: _action,
    w.ActionDone: _item_number,
}
