"""The conformance suite: what every platform adapter must do, proved through its wire fake.
A platform is done when it passes every case here (adapters/README.md). A case that does not
apply to a platform is skipped by name, with the reason, in NOT_APPLICABLE."""

from __future__ import annotations

import pytest

from bot.scheduling.runner import ScheduleRunner
from tests.conformance.drivers import Platform
from tests.harness import LIBRARIES

NOT_APPLICABLE = {
    ("deferred", "console"): "the console waits for the core: a terminal has no deadline",
    ("429", "console"): "a terminal has no rate limit: nothing answers the console with 429",
    ("payload shapes", "console"): "the console's input is a typed line, not a platform payload",
    ("thread reply", "discord"): (
        "without the privileged Message Content intent the bot cannot read replies in a "
        "channel; Discord's prompts carry a Reflect button (a form) instead"
    ),
}


def applies(case: str, platform: Platform) -> None:
    reason = NOT_APPLICABLE.get((case, platform.name))
    if reason:
        pytest.skip(f"{case} does not apply to {platform.name}: {reason}")


async def test_a_command_gets_its_reply(platform: Platform) -> None:
    reply = await platform.command("tom", "norms")
    assert "Working norms of Grade 4 Math" in reply.text
    assert "Discuss ideas, not people" in reply.text


async def test_a_click_on_a_card_updates_that_card_in_place(platform: Platform) -> None:
    clicked = await platform.click_on_session_card("tom", 4)
    assert "Checked in" in clicked.reply
    assert "1 person has checked in" in clicked.card
    assert clicked.edits == 1
    assert clicked.new_posts == 0  # not reposted


async def test_a_form_submitted_with_an_empty_field_shows_the_error_at_that_field(
    platform: Platform,
) -> None:
    said = await platform.submit_reflection_form("tom", "")
    assert "The reflection was empty, so nothing was saved." in said
    assert platform.store.state.reflections == {}


async def test_a_slow_core_is_deferred_in_time_and_followed_up(platform: Platform) -> None:
    applies("deferred", platform)
    platform.slow.slow_once(4.0)
    reply = await platform.command("tom", "cycle")
    assert reply.deferred and reply.first_response_seconds < 3.0
    assert "cycle 1" in reply.text


async def test_a_reply_in_a_prompts_thread_is_saved_for_that_prompt(platform: Platform) -> None:
    applies("thread reply", platform)
    await platform.thread_reply_to_latest_prompt("tom", "Wait time helped.")
    (reflection,) = platform.store.state.reflections.values()
    (delivery,) = platform.store.state.deliveries.values()
    assert (reflection.text, reflection.delivery_id) == ("Wait time helped.", delivery.id)


async def test_a_post_answered_with_429_is_posted_once_after_the_wait(platform: Platform) -> None:
    applies("429", platform)
    paced = await platform.open_session_after_one_429(retry_after=1.0)
    assert paced.statuses == [429, 200]
    assert paced.waited >= 1.0
    assert paced.cards == 1


async def test_a_payload_without_its_optional_fields_is_still_answered(
    platform: Platform,
) -> None:
    applies("payload shapes", platform)
    said = await platform.norms_with_optional_fields_missing("tom")
    assert "Maintain confidentiality" in said
    assert "Analyze" in (await platform.command("tom", "cycle")).text  # and the next one too


async def test_a_dm_reply_to_one_of_two_teams_prompts_is_saved_for_that_prompts_team(
    platform: Platform,
) -> None:
    """Two teams' prompts were DMed to tom; his reply to the first one (the older: neither the
    latest nor the only candidate) is saved for the first team."""
    runner = ScheduleRunner(
        uow=platform.store.uow, chat=platform.chat, libraries=LIBRARIES, clock=platform.clock
    )
    await platform.command("tom", "checkin", score=3)
    await platform.remind_nonresponders_after_an_hour()
    await platform.command("fay", "prompt send")
    platform.clock.advance(hours=2, seconds=30)
    assert (await runner.tick()).posted == 1  # Grade 4 Math's prompt, DMed to tom
    await platform.second_team_prompts("tom")
    platform.clock.advance(hours=2, seconds=30)
    assert (await runner.tick()).posted == 1  # Grade 5 Science's, DMed to tom after it

    await platform.dm_reply_to_first_dm("tom", "Exit tickets told me more.")

    teams = {t.name: t.id for t in platform.store.state.teams.values()}
    assert set(teams) == {"Grade 4 Math", "Grade 5 Science"}
    (math_prompt,) = [
        d for d in platform.store.state.deliveries.values() if d.team_id == teams["Grade 4 Math"]
    ]
    (reflection,) = platform.store.state.reflections.values()
    assert reflection.text == "Exit tickets told me more."
    assert (reflection.team_id, reflection.delivery_id) == (teams["Grade 4 Math"], math_prompt.id)
