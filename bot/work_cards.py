"""How the team's work looks: the cycle's record, its one-page summary, action items, and
the forms that fill them in. Never anything from a reflection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot import actions
from bot.day_words import date_text
from bot.domain import CycleStage, Team
from bot.i18n import _, fill, ngettext
from bot.library import PromptLibrary
from bot.messages import (
    Bold,
    Button,
    Code,
    Form,
    Inline,
    Italic,
    Mention,
    Message,
    MessageBuilder,
    Plain,
    TextField,
)
from bot.work import GOAL_FIELDS, GOAL_LABELS, TEXT_MAX, ActionItem, Goal
from bot.work_record import CycleRecord, trend

BUTTONS_PER_ROW = 5


def _need(b: MessageBuilder, record: CycleRecord) -> None:
    if record.need is None:
        return
    b.para(Bold(_("Student learning need: ")), Plain(record.need.text))
    if record.need.detail:
        b.para(Italic(_("Evidence: ")), Plain(record.need.detail[0]))


def _goal(b: MessageBuilder, goal: Goal | None) -> None:
    if goal is None:
        return
    b.para(Bold(_("Goal")))
    b.bullets(
        [
            (f"{_(GOAL_LABELS[name]).capitalize()}: ", Plain(value or "—"))
            for name, value in zip(GOAL_FIELDS, goal.fields(), strict=True)
        ]
    )


def record_body(b: MessageBuilder, record: CycleRecord, team: Team) -> None:
    """The record so far: need, goal, designs, commitments, evidence trend."""
    _need(b, record)
    _goal(b, record.goal)
    if record.designs:
        b.para(Bold(_("Learning designs")))
        b.bullets([(Plain(d.text),) for d in record.designs])
    if record.commitments:
        b.para(Bold(_("Classroom commitments")))
        b.bullets([(Mention(c.user_id or ""), " — ", Plain(c.text)) for c in record.commitments])
    if record.evidence:
        n = len(record.evidence)
        b.para(
            Bold(_("Evidence: ")),
            *fill(
                ngettext(
                    "{n} check-in · share of students at target by week: {trend}",
                    "{n} check-ins · share of students at target by week: {trend}",
                    n,
                ),
                n=str(n),
                trend=trend(record.evidence, team.timezone).text(),
            ),
        )


def record_card(team: Team, record: CycleRecord) -> Message:
    b = MessageBuilder().heading(_("Cycle {cycle} record").format(cycle=team.cycle))
    record_body(b, record, team)
    missing = [m for stage in CycleStage for m in record.missing(stage)]
    if missing:
        b.context(_("Still missing: {items}.").format(items="; ".join(missing)))
    return b.build()


def stage_review(
    team: Team, stage: CycleStage, record: CycleRecord, library: PromptLibrary
) -> Message:
    """What the stage the team is leaving produced, and what it left missing."""
    name = library.stage(stage).name
    b = MessageBuilder().heading(_("What {stage} produced").format(stage=name))
    produced = _produced(stage, record)
    if produced:
        b.bullets(produced)
    else:
        b.para(_("Nothing recorded in this stage."))
    missing = record.missing(stage)
    if missing:
        b.para(Bold(_("Missing: ")), "; ".join(missing), ".")
    return b.build()


def _produced(stage: CycleStage, record: CycleRecord) -> list[tuple[Inline | str, ...]]:
    if stage is CycleStage.ANALYZE and record.need is not None:
        return [(_("Student learning need: "), Plain(record.need.text))]
    if stage is CycleStage.GOALS and record.goal is not None:
        return [
            (f"{_(GOAL_LABELS[n]).capitalize()}: ", Plain(v))
            for n, v in zip(GOAL_FIELDS, record.goal.fields(), strict=True)
            if v
        ]
    if stage is CycleStage.LEARN:
        return [(_("Design: "), Plain(d.text)) for d in record.designs]
    if stage is CycleStage.IMPLEMENT:
        return [(Mention(c.user_id or ""), " — ", Plain(c.text)) for c in record.commitments]
    if stage is CycleStage.MONITOR and record.evidence:
        n = len(record.evidence)
        return [(ngettext("{n} evidence check-in", "{n} evidence check-ins", n).format(n=n),)]
    return []


def summary_card(
    team: Team, cycle: int, record: CycleRecord, open_items: int, grown: int = 0
) -> Message:
    """The one-page summary posted when a cycle closes."""
    b = MessageBuilder().heading(
        _("{team}: cycle {cycle} summary").format(team=team.name, cycle=cycle)
    )
    record_body(b, record, team)
    if record.evidence and record.goal is not None and record.goal.target:
        b.para(
            *fill(
                _("Target: {target}. Latest week: {latest}."),
                target=Plain(record.goal.target),
                latest=Bold(f"{trend(record.evidence, team.timezone).weekly[-1][1]}%"),
            )
        )
    missing = [m for stage in CycleStage for m in record.missing(stage)]
    if missing:
        b.para(Italic(_("Not recorded: {items}.").format(items="; ".join(missing))))
    if open_items:
        b.para(
            *fill(
                ngettext(
                    "{n} action item still open: see {command}.",
                    "{n} action items still open: see {command}.",
                    open_items,
                ),
                n=str(open_items),
                command=Code("/plc action list"),
            )
        )
    if grown:
        b.para(
            ngettext(
                "{n} micro-credential portfolio grew during the cycle.",
                "{n} micro-credential portfolios grew during the cycle.",
                grown,
            ).format(n=grown)
        )
    b.context(_("Kept with the team's records. Reflections are never part of it."))
    return b.build()


def item_line(item: ActionItem, today: date) -> tuple[Inline | str, ...]:
    day = date_text(item.due_on, today)
    due = _(" · due {day} (overdue)") if item.due_on < today else _(" · due {day}")
    return (
        Bold(f"#{item.id}"),
        " ",
        Mention(item.owner_id),
        " — ",
        Plain(item.text),
        due.format(day=day),
    )


def new_item(item: ActionItem, today: date) -> Message:
    """The channel's notice of a new item, with its Done button."""
    b = MessageBuilder().para(_("New action item "), *item_line(item, today))
    done_buttons(b, [item])
    return b.build()


def done_buttons(b: MessageBuilder, items: Sequence[ActionItem]) -> None:
    row = [Button(_("Done #{id}").format(id=it.id), actions.action_done(it.id)) for it in items]
    for start in range(0, len(row), BUTTONS_PER_ROW):
        b.buttons(*row[start : start + BUTTONS_PER_ROW])


def items_card(team: Team, items: Sequence[ActionItem], today: date) -> Message:
    b = MessageBuilder().heading(_("Open action items of {team}").format(team=team.name))
    if not items:
        b.para(
            *fill(
                _("No open action items. Add one with {command}."),
                command=Code("/plc action add @owner <what> by <date>"),
            )
        )
        return b.build()
    b.bullets([item_line(it, today) for it in items])
    done_buttons(b, items)
    return b.build()


OpenItems = tuple[Sequence[ActionItem], date]


def open_items_section(b: MessageBuilder, items: Sequence[ActionItem], today: date) -> None:
    """On the session card: the open items (with their Done buttons) and an Add button."""
    if items:
        b.para(Bold(_("Open action items")))
        b.bullets([item_line(it, today) for it in items])
        done_buttons(b, items)
    b.buttons(Button(_("Add action item"), actions.action_form()))


def goal_form(goal: Goal | None) -> Form:
    current = goal or Goal()
    return Form(
        actions.goal_form(),
        _("The team's goal"),
        _("Save goal"),
        intro=_("What will students be able to do, how will you know, how many, by when?"),
        fields=tuple(
            TextField(
                name,
                _(GOAL_LABELS[name]).capitalize(),
                TEXT_MAX,
                multiline=False,
                initial=value,
                required=False,
            )
            for name, value in zip(GOAL_FIELDS, current.fields(), strict=True)
        ),
    )


def action_form() -> Form:
    return Form(
        actions.action_form(),
        _("New action item"),
        _("Add"),
        fields=(
            TextField("owner", _("Owner (@name)"), 100, multiline=False),
            TextField("text", _("What is to be done"), TEXT_MAX),
            TextField("due", _("Due (YYYY-MM-DD)"), 10, multiline=False),
        ),
    )
