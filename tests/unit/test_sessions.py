from bot.messages import Action
from tests.harness import Harness, reply_text


async def open_session(h: Harness, topic: str = "Fractions") -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", f"/plc session open {topic}")).ok


async def test_opening_a_session_posts_a_card_with_topic_stage_norms_and_check_in_buttons(
    h: Harness,
) -> None:
    await open_session(h)
    card = h.chat.posts_to("C1")[-1]
    assert "Session open: Fractions" in card.text
    assert "Analyze student data" in card.text
    assert "Maintain confidentiality" in card.text
    labels = [b.action.id for b in card.message.button_list()]
    session_id = next(iter(h.store.state.sessions))
    assert [f"plc:checkin:{session_id}:{n}" for n in range(1, 6)] == labels[:5]
    assert labels[5] == "plc:reflect:0"


async def test_a_second_session_cannot_open_while_one_is_open(h: Harness) -> None:
    await open_session(h)
    out = await h.say("fay", "/plc session open Again")
    assert not out.ok and "already open" in reply_text(out)
    assert len(h.store.state.sessions) == 1


async def test_closing_with_no_open_session_says_how_to_open_one(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("fay", "/plc session close")
    assert not out.ok and "/plc session open" in reply_text(out)


async def test_check_in_buttons_record_one_check_in_per_person_and_update_the_card(
    h: Harness,
) -> None:
    await open_session(h)
    sid = next(iter(h.store.state.sessions))
    for user, score in [("tia", 4), ("uma", 2), ("vic", 5), ("tia", 3)]:
        out = await h.click(user, Action("checkin", (str(sid), str(score))).id)
        assert out.ok
    checkins = sorted((c.user_id, c.score) for c in h.store.state.checkins.values())
    assert checkins == [("tia", 3), ("uma", 2), ("vic", 5)]
    assert "3 people have checked in" in h.chat.updates()[-1].text
    assert (
        h.chat.updates()[-1].ref == h.chat.posts_to("C1")[-1].ref
    )  # the card itself, not a repost


async def test_a_check_in_command_with_a_word_is_thanked_with_the_scale_label(h: Harness) -> None:
    await open_session(h)
    out = await h.say("tia", "/plc checkin 4 curious")
    assert "Checked in" in reply_text(out) and "(curious)" in reply_text(out)


async def test_check_in_without_a_session_says_in_plain_words_it_can_be_done_any_time(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc checkin 2 tired")
    assert "Checked in between sessions" in reply_text(out) and "any time" in reply_text(out)
    assert "asynchronous" not in reply_text(out)
    (c,) = h.store.state.checkins.values()
    assert c.session_id is None and c.score == 2


async def test_a_check_in_button_from_a_closed_session_is_refused(h: Harness) -> None:
    await open_session(h)
    sid = next(iter(h.store.state.sessions))
    await h.say("fay", "/plc session close")
    out = await h.click("tia", f"plc:checkin:{sid}:4")
    assert not out.ok and "closed" in reply_text(out)


async def test_closing_posts_a_closing_prompt_and_the_pulse_and_summarizes_for_the_facilitator(
    h: Harness,
) -> None:
    await open_session(h)
    await h.say("tia", "/plc checkin 4")
    await h.say("uma", "/plc checkin 2 tired")
    h.clock.advance(minutes=90)
    out = await h.say("fay", "/plc session close")
    summary = reply_text(out)
    assert "Duration: 1 h 30 min" in summary
    assert "2 checked in · arrival average 3.0 of 5" in summary
    assert "@uma — 2 (tired)" in summary
    closing, pulse = h.chat.posts_to("C1")[-2:]
    assert "Closing reflection" in closing.text
    assert "This was relevant to my work" in pulse.text
    assert "I would recommend this to a colleague" in pulse.text
    assert "This session has closed." in h.chat.updates()[-1].text


async def test_pulse_answers_are_one_per_person_per_session(h: Harness) -> None:
    await open_session(h)
    await h.say("fay", "/plc session close")
    sid = next(iter(h.store.state.sessions))
    await h.click("tia", f"plc:pulse:{sid}:relevant:3")
    await h.click("tia", f"plc:pulse:{sid}:relevant:5")
    out = await h.click("tia", f"plc:pulse:{sid}:recommend:yes")
    assert "Thank you" in reply_text(out)
    (answer,) = h.store.state.pulse.values()
    assert (answer.relevant, answer.recommend) == (5, True)


async def test_a_forged_button_id_is_refused_politely(h: Harness) -> None:
    await open_session(h)
    sid = next(iter(h.store.state.sessions))
    for action in [
        f"plc:checkin:{sid}:9",
        f"plc:checkin:{sid}:12",
        "plc:nope",
        "garbage",
        f"plc:pulse:{sid}:relevant:7",
    ]:
        out = await h.click("tia", action)
        assert not out.ok, action
        assert "out of date" in reply_text(out), action


async def test_a_check_in_word_is_shown_as_typed_never_as_markup(h: Harness) -> None:
    """A person's word in the thanks is their text: backticks in it are not a command span."""
    from bot.messages import Code, Paragraph, Plain

    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    out = await h.say("tia", "/plc checkin 4 `odd`")
    assert out.reply is not None
    (para,) = [b for b in out.reply.blocks if isinstance(b, Paragraph)]
    assert Plain("`odd`") in para.parts and not any(isinstance(p, Code) for p in para.parts)
