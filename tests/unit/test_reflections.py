from bot.domain import Visibility
from tests.harness import Harness, reply_text


async def with_prompt(h: Harness) -> int:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt send")).ok
    return max(h.store.state.deliveries)


async def test_prompts_rotate_through_every_prompt_of_the_stage_before_repeating(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    pool = [
        p.id
        for p in h.bot._libraries.get("en").prompts_for(
            next(iter(h.store.state.teams.values())).stage
        )
    ]
    for _ in range(len(pool) + 2):
        await h.say("fay", "/plc prompt send")
    sent = [d.prompt_id for d in sorted(h.store.state.deliveries.values(), key=lambda d: d.id)]
    assert sorted(sent[: len(pool)]) == sorted(pool)  # each once, the equity prompt among them
    assert sent[len(pool) :] == pool[:2]


async def test_a_prompt_can_be_chosen_by_id_and_an_unknown_id_lists_the_stage_s_prompts(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt send analyze-3")).ok
    out = await h.say("fay", "/plc prompt send nope-1")
    assert not out.ok and "analyze-1" in reply_text(out)


async def test_a_reflection_defaults_to_facilitators_and_answers_the_latest_prompt(
    h: Harness,
) -> None:
    delivery = await with_prompt(h)
    out = await h.say("tia", "/plc reflect I noticed the exit tickets were rushed.")
    assert "you and the team's facilitators" in reply_text(out)
    (r,) = h.store.state.reflections.values()
    assert (r.visibility, r.delivery_id, r.text) == (
        Visibility.FACILITATORS,
        delivery,
        "I noticed the exit tickets were rushed.",
    )


async def test_a_team_reflection_is_posted_to_the_channel_and_a_private_one_is_not(
    h: Harness,
) -> None:
    await with_prompt(h)
    before = len(h.chat.posts_to("C1"))
    await h.say("tia", "/plc reflect --private Only for me.")
    assert len(h.chat.posts_to("C1")) == before
    await h.say("uma", "/plc reflect --team Sharing this with everyone.")
    shared = h.chat.posts_to("C1")[-1]
    assert (
        "@uma shared a reflection" in shared.text and "> Sharing this with everyone." in shared.text
    )
    assert all("Only for me." not in s.text for s in h.chat.sent)


async def test_editing_a_reflection_explicitly_changes_it_and_its_post_in_place(
    h: Harness,
) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect --team First thought.")
    (first,) = h.store.state.reflections.values()
    out = await h.say("tia", f"/plc reflect edit {first.id} Second thought.")
    assert "Updated your reflection" in reply_text(out)
    (r,) = h.store.state.reflections.values()
    assert (
        r.text == "Second thought." and r.visibility is Visibility.TEAM and r.edited_at is not None
    )
    assert "> Second thought." in h.chat.updates()[-1].text


async def test_making_a_shared_reflection_private_withdraws_the_channel_post(h: Harness) -> None:
    await with_prompt(h)
    await h.say("tia", "/plc reflect --team Out loud.")
    (shared,) = h.store.state.reflections.values()
    await h.say("tia", f"/plc reflect edit {shared.id} --private Out loud.")
    assert "withdrawn by its author" in h.chat.updates()[-1].text


async def test_a_reflection_over_4000_characters_is_refused_with_the_limit_and_nothing_is_stored(
    h: Harness,
) -> None:
    await with_prompt(h)
    out = await h.say("tia", "/plc reflect " + "x" * 4001)
    assert not out.ok
    assert "4,001 characters; the limit is 4,000" in reply_text(out)
    assert h.store.state.reflections == {}


async def test_reflect_without_text_opens_a_form_for_the_latest_prompt(h: Harness) -> None:
    delivery = await with_prompt(h)
    out = await h.say("tia", "/plc reflect")
    assert out.form is not None
    assert out.form.action.id == f"plc:reflect:{delivery}"
    submitted = await h.submit(
        "tia", out.form.action.id, {"text": "From the form.", "visibility": "team"}
    )
    assert submitted.ok
    (r,) = h.store.state.reflections.values()
    assert (r.text, r.visibility) == ("From the form.", Visibility.TEAM)


async def test_the_reflect_button_on_a_prompt_opens_the_form_prefilled_with_my_answer(
    h: Harness,
) -> None:
    delivery = await with_prompt(h)
    await h.say("tia", "/plc reflect Draft one.")
    out = await h.click("tia", f"plc:reflect:{delivery}")
    assert out.form is not None and out.form.fields[0].initial == "Draft one."


async def test_an_over_long_form_submission_is_refused_and_nothing_is_stored(h: Harness) -> None:
    delivery = await with_prompt(h)
    out = await h.submit(
        "tia", f"plc:reflect:{delivery}", {"text": "y" * 4500, "visibility": "private"}
    )
    assert not out.ok and "limit is 4,000" in reply_text(out)
    assert h.store.state.reflections == {}


async def test_a_dm_reply_answers_the_prompt_the_bot_dmed_that_person(h: Harness) -> None:
    await with_prompt(h)
    from bot.domain import MessageRef, PostedMessage

    first = max(h.store.state.deliveries)
    h.store.state.posted.append(
        PostedMessage(h.community.id, "prompt_dm", first, MessageRef("D-tia", "m99"), "tia")
    )
    await h.say("fay", "/plc prompt send")  # a newer prompt in the channel, not DMed to tia
    out = await h.dm("tia", "Replying in my DM.")
    assert out.ok
    (r,) = h.store.state.reflections.values()
    assert r.delivery_id == first and r.text == "Replying in my DM."


async def test_a_second_dm_to_an_answered_prompt_is_a_new_reflection_and_keeps_the_first(
    h: Harness,
) -> None:
    """A teacher who replies twice to a prompt's DM (or once more after reflecting in the
    channel) never loses her first words: each later reply is a new reflection, saved for the
    facilitators as a DM reply is, and she is told how to change the first one instead."""
    from bot.domain import MessageRef, PostedMessage

    delivery = await with_prompt(h)
    h.store.state.posted.append(
        PostedMessage(h.community.id, "prompt_dm", delivery, MessageRef("D-tia", "m9"), "tia")
    )
    assert (await h.dm("tia", "First, by DM.")).ok
    again = await h.say("tia", "/plc reflect --team More, in the channel.")
    assert "new reflection" in reply_text(again)
    out = await h.dm("tia", "Second, by DM.")
    assert "Saved your reflection" in reply_text(out) and "new reflection" in reply_text(out)
    assert "/plc reflect edit" in reply_text(out)
    kept = {(r.text, r.delivery_id, r.visibility) for r in h.store.state.reflections.values()}
    assert kept == {
        ("First, by DM.", delivery, Visibility.FACILITATORS),
        ("More, in the channel.", None, Visibility.TEAM),
        ("Second, by DM.", None, Visibility.FACILITATORS),
    }


async def test_a_second_thread_reply_to_a_prompt_is_a_new_reflection(h: Harness) -> None:
    delivery = await with_prompt(h)
    thread = h.chat.posts_to("C1")[-1].ref
    first = await h.bot.message(h.actor("tia"), "First, in the thread.", thread=thread)
    assert first.ok
    second = await h.bot.message(h.actor("tia"), "Second, in the thread.", thread=thread)
    assert "new reflection" in reply_text(second)
    kept = {(r.text, r.delivery_id) for r in h.store.state.reflections.values()}
    assert kept == {("First, in the thread.", delivery), ("Second, in the thread.", None)}


async def test_a_dm_with_no_prompt_waiting_says_where_to_reflect(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.dm("tia", "hello?")
    assert not out.ok and "/plc reflect" in reply_text(out)


async def test_a_thread_reply_to_a_prompt_is_recorded_against_that_prompt(h: Harness) -> None:
    delivery = await with_prompt(h)
    prompt_post = h.chat.posts_to("C1")[-1]
    await h.say("fay", "/plc prompt send")
    out = await h.bot.message(h.actor("tia"), "In the thread.", thread=prompt_post.ref)
    assert out.ok
    (r,) = h.store.state.reflections.values()
    assert r.delivery_id == delivery


async def test_a_reply_in_someone_else_s_thread_is_ignored(h: Harness) -> None:
    await h.team_with_facilitator()
    from bot.domain import MessageRef

    out = await h.bot.message(h.actor("tia"), "chatting", thread=MessageRef("C1", "not-ours"))
    assert out.reply is None and h.store.state.reflections == {}
