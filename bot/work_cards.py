"""How the team's work looks: the cycle's record, its one-page summary, action items, and
the forms that fill them in. Never anything from a reflection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot import actions
from bot.day_words import date_text
from bot.domain import CycleStage, Team
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
    b.para(Bold("Student learning need: "), Plain(record.need.text))
    if record.need.detail:
        b.para(Italic("Evidence: "), Plain(record.need.detail[0]))


def _goal(b: MessageBuilder, goal: Goal | None) -> None:
    if goal is None:
        return
    b.para(Bold("Goal"))
    b.bullets(
        [
            (f"{GOAL_LABELS[name].capitalize()}: ", Plain(value or "—"))
            for name, value in zip(GOAL_FIELDS, goal.fields(), strict=True)
        ]
    )


def record_body(b: MessageBuilder, record: CycleRecord, team: Team) -> None:
    """The record so far: need, goal, designs, commitments, evidence trend."""
    _need(b, record)
    _goal(b, record.goal)
    if record.designs:
        b.para(Bold("Learning designs"))
        b.bullets([(Plain(d.text),) for d in record.designs])
    if record.commitments:
        b.para(Bold("Classroom commitments"))
        b.bullets([(Mention(c.user_id or ""), " — ", Plain(c.text)) for c in record.commitments])
    if record.evidence:
        b.para(
            Bold("Evidence: "),
            f"{len(record.evidence)} check-in{'s' if len(record.evidence) != 1 else ''} · share of students at target by week: ",
            trend(record.evidence, team.timezone).text(),
        )


def record_card(team: Team, record: CycleRecord) -> Message:
    b = MessageBuilder().heading(f"Cycle {team.cycle} record")
    record_body(b, record, team)
    missing = [m for stage in CycleStage for m in record.missing(stage)]
    if missing:
        b.context("Still missing: " + "; ".join(missing) + ".")
    return b.build()


def stage_review(
    team: Team, stage: CycleStage, record: CycleRecord, library: PromptLibrary
) -> Message:
    """What the stage the team is leaving produced, and what it left missing."""
    name = library.stage(stage).name
    b = MessageBuilder().heading(f"What {name} produced")
    produced = _produced(stage, record)
    if produced:
        b.bullets(produced)
    else:
        b.para("Nothing recorded in this stage.")
    missing = record.missing(stage)
    if missing:
        b.para(Bold("Missing: "), "; ".join(missing), ".")
    return b.build()


def _produced(stage: CycleStage, record: CycleRecord) -> list[tuple[Inline | str, ...]]:
    if stage is CycleStage.ANALYZE and record.need is not None:
        return [("Student learning need: ", Plain(record.need.text))]
    if stage is CycleStage.GOALS and record.goal is not None:
        return [
            (f"{GOAL_LABELS[n].capitalize()}: ", Plain(v))
            for n, v in zip(GOAL_FIELDS, record.goal.fields(), strict=True)
            if v
        ]
    if stage is CycleStage.LEARN:
        return [("Design: ", Plain(d.text)) for d in record.designs]
    if stage is CycleStage.IMPLEMENT:
        return [(Mention(c.user_id or ""), " — ", Plain(c.text)) for c in record.commitments]
    if stage is CycleStage.MONITOR and record.evidence:
        return [(f"{len(record.evidence)} evidence check-ins",)]
    return []


def summary_card(
    team: Team, cycle: int, record: CycleRecord, open_items: int, grown: int = 0
) -> Message:
    """The one-page summary posted when a cycle closes."""
    b = MessageBuilder().heading(f"{team.name}: cycle {cycle} summary")
    record_body(b, record, team)
    if record.evidence and record.goal is not None and record.goal.target:
        b.para(
            "Target: ",
            Plain(record.goal.target),
            ". Latest week: ",
            Bold(f"{trend(record.evidence, team.timezone).weekly[-1][1]}%"),
            ".",
        )
    missing = [m for stage in CycleStage for m in record.missing(stage)]
    if missing:
        b.para(Italic("Not recorded: " + "; ".join(missing) + "."))
    if open_items:
        b.para(
            f"{open_items} action item{'s' if open_items != 1 else ''} still open: ",
            "see ",
            Code("/plc action list"),
            ".",
        )
    if grown:
        b.para(
            f"{grown} micro-credential portfolio{'s' if grown != 1 else ''} grew during the cycle."
        )
    b.context("Kept with the team's records. Reflections are never part of it.")
    return b.build()


def item_line(item: ActionItem, today: date) -> tuple[Inline | str, ...]:
    late = " (overdue)" if item.due_on < today else ""
    return (
        Bold(f"#{item.id}"),
        " ",
        Mention(item.owner_id),
        " — ",
        Plain(item.text),
        f" · due {date_text(item.due_on, today)}{late}",
    )


def new_item(item: ActionItem, today: date) -> Message:
    """The channel's notice of a new item, with its Done button."""
    b = MessageBuilder().para("New action item ", *item_line(item, today))
    done_buttons(b, [item])
    return b.build()


def done_buttons(b: MessageBuilder, items: Sequence[ActionItem]) -> None:
    row = [Button(f"Done #{it.id}", actions.action_done(it.id)) for it in items]
    for start in range(0, len(row), BUTTONS_PER_ROW):
        b.buttons(*row[start : start + BUTTONS_PER_ROW])


def items_card(team: Team, items: Sequence[ActionItem], today: date) -> Message:
    b = MessageBuilder().heading(f"Open action items of {team.name}")
    if not items:
        b.para(
            "No open action items. Add one with ",
            Code("/plc action add @owner <what> by <date>"),
            ".",
        )
        return b.build()
    b.bullets([item_line(it, today) for it in items])
    done_buttons(b, items)
    return b.build()


OpenItems = tuple[Sequence[ActionItem], date]


def open_items_section(b: MessageBuilder, items: Sequence[ActionItem], today: date) -> None:
    """On the session card: the open items (with their Done buttons) and an Add button."""
    if items:
        b.para(Bold("Open action items"))
        b.bullets([item_line(it, today) for it in items])
        done_buttons(b, items)
    b.buttons(Button("Add action item", actions.action_form()))


def goal_form(goal: Goal | None) -> Form:
    current = goal or Goal()
    return Form(
        actions.goal_form(),
        "The team's goal",
        "Save goal",
        intro="What will students be able to do, how will you know, how many, by when?",
        fields=tuple(
            TextField(
                name,
                GOAL_LABELS[name].capitalize(),
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
        "New action item",
        "Add",
        fields=(
            TextField("owner", "Owner (@name)", 100, multiline=False),
            TextField("text", "What is to be done", TEXT_MAX),
            TextField("due", "Due (YYYY-MM-DD)", 10, multiline=False),
        ),
    )
