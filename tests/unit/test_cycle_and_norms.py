from bot.domain import CycleStage
from tests.harness import Harness, reply_text


def team(h: Harness):
    return next(iter(h.store.state.teams.values()))


async def test_stage_next_walks_the_five_stages_and_starts_a_new_cycle(h: Harness) -> None:
    await h.team_with_facilitator()
    seen = []
    for _ in range(5):
        assert (await h.say("fay", "/plc stage next")).ok
        seen.append((team(h).cycle, team(h).stage))
    assert seen == [
        (1, CycleStage.GOALS),
        (1, CycleStage.LEARN),
        (1, CycleStage.IMPLEMENT),
        (1, CycleStage.MONITOR),
        (2, CycleStage.ANALYZE),
    ]
    assert "Cycle 2 begins" in h.chat.posts_to("C1")[-1].text
    history = [c for _, c in h.store.state.stage_changes]
    assert len(history) == 6  # the start plus five moves


async def test_a_stage_change_posts_the_stage_introduction_and_protocol(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc stage set implement")
    intro = h.chat.posts_to("C1")[-1].text
    assert "Stage 4 of 5" in intro and "Suggested protocol" in intro
    out = await h.say("fay", "/plc stage set implement")
    assert not out.ok and "already in stage 4" in reply_text(out)


async def test_cycle_shows_where_the_team_is(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc stage next")
    body = reply_text(await h.say("tia", "/plc cycle"))
    assert "cycle 1" in body and "2. " in body and "you are here" in body


async def test_norms_default_then_add_remove_reset(h: Harness) -> None:
    await h.team_with_facilitator()
    body = reply_text(await h.say("tia", "/plc norms"))
    assert "1. Maintain confidentiality" in body and "default norms" in body
    assert (await h.say("fay", "/plc norms add Phones away during sessions.")).ok
    assert "6. Phones away during sessions." in reply_text(await h.say("tia", "/plc norms"))
    assert (await h.say("fay", "/plc norms remove 2")).ok
    body = reply_text(await h.say("tia", "/plc norms"))
    assert "Stay present" not in body and "5. Phones away" in body
    out = await h.say("fay", "/plc norms remove 9")
    assert not out.ok and "There is no norm 9" in reply_text(out)
    assert (await h.say("fay", "/plc norms reset")).ok
    assert "2. Stay present" in reply_text(await h.say("tia", "/plc norms"))


async def test_the_team_s_own_norms_appear_on_the_session_card(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc norms add Start and end on time.")
    await h.say("fay", "/plc session open Data day")
    assert "Start and end on time." in h.chat.posts_to("C1")[-1].text


async def test_teachers_cannot_edit_norms(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("tia", "/plc norms add Anything goes")
    assert not out.ok and "facilitator" in reply_text(out)
    assert team(h).norms is None
