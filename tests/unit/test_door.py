"""The typed door: intents in, one policy per intent type, one codec for buttons, one set of
value rules whether a value arrived as text or already typed."""

from __future__ import annotations

import dataclasses

import pytest

from bot import actions
from bot.commands import intents as i
from bot.commands.grammar import COMMANDS
from bot.commands.policy import POLICIES
from bot.domain import Role
from bot.messages import Action
from bot.usecases import HANDLERS
from tests.harness import Harness, reply_text

INTENT_TYPES = [t for t in i.Intent.__args__]  # type: ignore[attr-defined]


def test_every_intent_type_has_a_policy_and_a_use_case() -> None:
    assert set(INTENT_TYPES) == set(POLICIES) == set(HANDLERS)
    assert {s.intent for s in COMMANDS} <= set(POLICIES)


def test_the_grammar_declares_no_role_the_intent_does_not() -> None:
    fields = {f.name for f in dataclasses.fields(COMMANDS[0])}
    assert not fields & {"role", "needs_team", "bootstrap"}
    assert {s.name: s.role for s in COMMANDS}["team create"] is Role.ADMIN


@pytest.mark.parametrize(
    ("action", "intent"),
    [
        (actions.checkin(7, 4), i.CheckInClick(7, 4)),
        (actions.checkin(None, 2), i.CheckInClick(0, 2)),
        (actions.reflect(12), i.ReflectClick(12)),
        (actions.pulse_relevant(3, 5), i.PulseAnswer(3, relevant=5)),
        (actions.pulse_recommend(3, False), i.PulseAnswer(3, recommend=False)),
        (actions.forget("U42"), i.ForgetConfirm("U42")),
        (actions.forget("a:b"), i.ForgetConfirm("a:b")),
    ],
)
def test_every_button_decodes_to_the_intent_it_was_encoded_from(
    action: Action, intent: i.Click
) -> None:
    assert actions.click(action.id) == intent


@pytest.mark.parametrize(
    "crafted",
    [
        "plc:forget:confirm",  # an older, unaddressed confirmation
        "plc:checkin:7:9",
        "plc:checkin:x:4",
        "plc:pulse:3:relevant:6",
        "plc:pulse:3:recommend:maybe",
        "plc:reflect:²",
        "plc:nothing:1",
        "slack:reflect:1",
    ],
)
async def test_a_button_id_that_does_not_decode_is_out_of_date_and_does_nothing(
    h: Harness, crafted: str
) -> None:
    assert actions.click(crafted) is None
    await h.team_with_facilitator()
    out = await h.click("tia", crafted)
    assert not out.ok and "out of date" in reply_text(out)


async def test_a_typed_intent_is_refused_in_the_same_words_as_the_text(h: Harness) -> None:
    await h.team_with_facilitator()
    typed = await h.bot.handle(h.actor("tia"), i.CheckInCmd(9))
    said = await h.say("tia", "/plc checkin 9")
    assert not typed.ok and reply_text(typed) == reply_text(said)
    assert "9 is outside the scale" in reply_text(typed)


async def test_a_typed_intent_meets_its_types_role(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.bot.handle(h.actor("tia"), i.SessionOpen("Fractions"))
    assert not out.ok and "Only a facilitator" in reply_text(out)
    assert "/plc session open [topic]" in reply_text(out)


async def test_an_empty_reflection_form_is_refused_beside_its_text_field(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    form = (await h.say("tia", "/plc reflect")).form
    assert form is not None
    out = await h.submit("tia", form.action.id, {"text": "  ", "visibility": "team"})
    assert not out.ok and set(out.field_errors) == {"text"}
    assert "The reflection was empty" in out.field_errors["text"].plain_text()


async def test_a_forget_confirmation_acts_only_for_the_person_it_was_shown_to(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    await h.say("tia", "/plc checkin 4")
    await h.say("lee", "/plc checkin 3")
    question = await h.say("tia", "/plc me forget")
    assert question.reply is not None
    confirm, cancel = question.reply.button_list()
    assert cancel.label == "Cancel"
    assert not (await h.click("lee", cancel.action.id)).ok  # not lee's to cancel either
    out = await h.click("lee", confirm.action.id)
    assert not out.ok and "meant for someone else" in reply_text(out)
    assert sorted(c.user_id for c in h.store.state.checkins.values()) == ["lee", "tia"]
    assert (await h.click("tia", confirm.action.id)).ok
    assert [c.user_id for c in h.store.state.checkins.values()] == ["lee"]
