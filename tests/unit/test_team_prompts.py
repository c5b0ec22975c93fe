"""Prompts a team can see and add: the numbered list, a facilitator's own prompts (held to the
library's rules), retiring them, and sending by the list's number."""

from bot.domain import CycleStage
from bot.library import ReflectionPrompt
from tests.harness import Harness, reply_text


def library_prompts(h: Harness, stage: CycleStage) -> tuple[ReflectionPrompt, ...]:
    return h.bot._libraries.get("en").prompts_for(stage)


def sent_prompt_ids(h: Harness) -> list[str]:
    return [d.prompt_id for d in sorted(h.store.state.deliveries.values(), key=lambda d: d.id)]


async def test_the_list_shows_the_team_stage_s_prompts_numbered_with_their_text(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    out = await h.say("maria", "/plc prompt list")
    pool = library_prompts(h, CycleStage.ANALYZE)
    listed = reply_text(out)
    assert out.ok and all(p.text in listed for p in pool)
    assert f"{len(pool)}. {pool[-1].id} {pool[-1].text}" in listed


async def test_a_facilitator_adds_a_prompt_and_the_team_sees_it_numbered_after_the_library(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    added = await h.say("fay", "/plc prompt add learn What will you borrow from the reading?")
    assert added.ok and "team-" in reply_text(added)
    listed = reply_text(await h.say("maria", "/plc prompt list learn"))
    count = len(library_prompts(h, CycleStage.LEARN))
    assert f"{count + 1}. team-" in listed
    assert "What will you borrow from the reading? (the team's own)" in listed
    assert "What will you borrow" not in reply_text(await h.say("maria", "/plc prompt list"))


async def test_a_teacher_cannot_add_or_retire_prompts(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("maria", "/plc prompt add analyze Who struggled?")
    assert not out.ok and "Only a facilitator" in reply_text(out)
    assert not h.store.state.team_prompts


async def test_a_prompt_breaking_the_library_s_rules_is_refused_with_what_to_do(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    too_long = await h.say("fay", "/plc prompt add analyze " + "why " * 200)
    assert not too_long.ok and "up to 500 characters" in reply_text(too_long)
    twice = pool_text = library_prompts(h, CycleStage.ANALYZE)[0].text
    again = await h.say("fay", f"/plc prompt add analyze {twice}")
    assert not again.ok and "already on this stage's list" in reply_text(again)
    no_stage = await h.say("fay", "/plc prompt add someday Who struggled?")
    assert not no_stage.ok and "is not a stage" in reply_text(no_stage)
    assert not h.store.state.team_prompts and pool_text


async def test_bidi_controls_are_dropped_from_a_team_prompt(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt add analyze Who \u202eturned\u202c back?")).ok
    (kept,) = h.store.state.team_prompts.values()
    assert kept.text == "Who turned back?"


async def test_send_takes_a_number_from_the_list_including_the_team_s_own_prompt(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    pool = library_prompts(h, CycleStage.ANALYZE)
    assert (await h.say("fay", "/plc prompt add analyze What surprised you in the data?")).ok
    assert (await h.say("fay", "/plc prompt send 2")).ok
    sent = await h.say("fay", f"/plc prompt send {len(pool) + 1}")
    assert sent.ok
    card = sent.posts[0].message.plain_text()
    assert "What surprised you in the data?" in card
    assert sent_prompt_ids(h)[0] == pool[1].id and sent_prompt_ids(h)[1].startswith("team-")
    beyond = await h.say("fay", f"/plc prompt send {len(pool) + 2}")
    assert not beyond.ok and f"has {len(pool) + 1}" in reply_text(beyond)


async def test_a_shared_answer_to_a_team_prompt_is_posted_under_its_question(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt add analyze What surprised you in the data?")).ok
    own = next(iter(h.store.state.team_prompts.values()))
    assert (await h.say("fay", f"/plc prompt send {own.prompt_id}")).ok
    answer = await h.say("maria", "/plc reflect --team The fractions item.")
    (post,) = answer.posts
    assert "The fractions item." in post.message.plain_text()
    assert "What surprised you in the data?" in post.message.plain_text()


async def test_team_prompts_join_the_rotation_and_a_retired_one_leaves_it(h: Harness) -> None:
    await h.team_with_facilitator()
    pool = library_prompts(h, CycleStage.ANALYZE)
    assert (await h.say("fay", "/plc prompt add analyze What surprised you in the data?")).ok
    own = next(iter(h.store.state.team_prompts.values()))
    for _ in range(len(pool) + 1):
        h.clock.advance(minutes=1)
        assert (await h.say("fay", "/plc prompt send")).ok
    assert own.prompt_id in sent_prompt_ids(h)
    retired = await h.say("fay", f"/plc prompt retire {own.prompt_id}")
    assert retired.ok and "Answers to it are kept" in reply_text(retired)
    for _ in range(len(pool) + 1):
        h.clock.advance(minutes=1)
        assert (await h.say("fay", "/plc prompt send")).ok
    assert sent_prompt_ids(h).count(own.prompt_id) == 1
    assert "What surprised" not in reply_text(await h.say("maria", "/plc prompt list"))
    again = await h.say("fay", f"/plc prompt send {own.prompt_id}")
    assert not again.ok


async def test_another_team_cannot_send_or_retire_this_team_s_prompt(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc prompt add analyze What surprised you in the data?")).ok
    own = next(iter(h.store.state.team_prompts.values()))
    assert (await h.say("ana", "/plc team create Science", channel="C2")).ok
    send = await h.say("ana", f"/plc prompt send {own.prompt_id}", channel="C2")
    retire = await h.say("ana", f"/plc prompt retire {own.prompt_id}", channel="C2")
    assert not send.ok and not retire.ok
    assert h.store.state.team_prompts[own.id].retired_at is None


async def test_retire_names_a_team_prompt_id(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("fay", "/plc prompt retire analyze-1")
    assert not out.ok and "like team-7" in reply_text(out)
