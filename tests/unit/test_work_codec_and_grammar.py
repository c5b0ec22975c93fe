"""The team's work at the door: its buttons and forms through the one codec (bot.actions),
its commands through the grammar, and a crafted or malformed id or value refused."""

from __future__ import annotations

from datetime import date

import pytest

from bot import actions
from bot.commands import ParseError, grammar
from bot.commands import work_intents as w


def test_the_done_add_and_goal_buttons_decode_to_the_intents_they_were_made_from() -> None:
    assert actions.click(actions.action_done(42).id) == w.ActionDone(42)
    assert actions.click(actions.action_form().id) == w.ActionForm()
    assert actions.click(actions.goal_form().id) == w.GoalForm()


@pytest.mark.parametrize(
    "crafted",
    [
        "plc:action:done:0",
        "plc:action:done:x",
        "plc:action:done",
        "plc:action:undo:3",
        "plc:goal:x",
    ],
)
def test_a_crafted_or_old_work_button_is_out_of_date(crafted: str) -> None:
    assert actions.click(crafted) is None


def test_the_goal_and_action_forms_come_back_as_typed_intents() -> None:
    goal = actions.submission(
        actions.goal_form().id, {"what": " place  fractions ", "measure": "", "by": "June"}
    )
    assert goal == w.GoalSet("place fractions", "", "", "June")
    item = actions.submission(
        actions.action_form().id, {"owner": "@maria", "text": "rubric", "due": "2026-10-02"}
    )
    assert item == w.ActionSubmit("@maria", "rubric", "2026-10-02")


def test_the_grammar_reads_the_work_commands() -> None:
    _, need = grammar.parse("/plc need set Half miss 3/4. evidence: screener, https://x.org/a")
    assert need == w.NeedSet("Half miss 3/4.", "screener, https://x.org/a")
    _, goal = grammar.parse("/plc goal set measure: exit ticket by: 2026-12-18")
    assert goal == w.GoalSet(measure="exit ticket", by="2026-12-18")
    _, item = grammar.parse("/plc action add <@U123|maria> share the rubric by 2026-10-02")
    assert item == w.ActionAdd("U123", "share the rubric", date(2026, 10, 2))
    assert grammar.parse("/plc evidence 60% most")[1] == w.EvidenceAdd(60, "most")
    assert grammar.parse("/plc action done #3")[1] == w.ActionDone(3)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("/plc action add @maria share the rubric", "`by` a date"),
        ("/plc action add @maria share the rubric by Friday", "is not a date"),
        ("/plc evidence lots", "Start with a number from 0 to 100"),
        ("/plc evidence 140", "number from 0 to 100"),
        ("/plc goal set the fractions goal", "has no name"),
        ("/plc commit", "Say what you will try"),
    ],
)
def test_a_malformed_work_command_says_what_to_do(line: str, problem: str) -> None:
    with pytest.raises(ParseError) as refused:
        grammar.parse(line)
    assert problem in str(refused.value)
