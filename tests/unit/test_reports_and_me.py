from datetime import date

from bot.reports import Pulse
from bot.usecases.me import week_streak
from bot.usecases.report import pulse_sentence
from tests.harness import Harness, reply_text


def test_pulse_figures_read_the_way_the_programs_report_them() -> None:
    twenty_five = Pulse(relevant=(0, 0, 0, 4, 21), recommend_yes=25)
    assert pulse_sentence(twenty_five) == (
        "84% strongly agree it was relevant (21 of 25); 100% would recommend (25 of 25)"
    )


async def test_the_report_shows_the_pulse_distribution_and_how_many_answered(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    h.clock.advance(minutes=60)
    await h.say("fay", "/plc session close")
    sid = next(iter(h.store.state.sessions))
    for user, rel, rec in [("tia", 4, "yes"), ("uma", 2, "no"), ("vic", 1, None)]:
        await h.click(user, f"plc:pulse:{sid}:relevant:{rel}")
        if rec:
            await h.click(user, f"plc:pulse:{sid}:recommend:{rec}")
    body = reply_text(await h.say("fay", "/plc report"))
    assert "0% strongly agree it was relevant (0 of 3); 50% would recommend (1 of 2)" in body
    assert (
        "Relevant to my work (3 answers): 0 strongly agree, 1 agree, 0 neither agree nor disagree,"
        " 1 disagree, 1 strongly disagree"
    ) in body
    assert "Would recommend (2 answers): 1 yes, 1 no" in body
    every = reply_text(await h.say("ana", "/plc report all"))
    assert "Relevant to my work (3 answers)" in every and "(1 of 2)" in every


async def test_a_single_pulse_answer_is_shown_as_one_answer_not_a_bare_percentage(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    await h.say("fay", "/plc session close")
    sid = next(iter(h.store.state.sessions))
    await h.click("tia", f"plc:pulse:{sid}:recommend:yes")
    body = reply_text(await h.say("fay", "/plc report"))
    assert "100% would recommend (1 of 1)" in body and "Would recommend (1 answer): 1 yes" in body


def test_a_week_streak_counts_back_from_this_week_or_last() -> None:
    monday = date(2026, 11, 23)
    days = {date(2026, 11, 17), date(2026, 11, 10), date(2026, 11, 3), date(2026, 10, 20)}
    assert week_streak(days, monday) == 3
    assert week_streak(days | {monday}, monday) == 4
    assert week_streak(set(), monday) == 0


async def test_the_report_counts_private_reflections_but_never_shows_any_text(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc session open Fractions")
    await h.say("tia", "/plc checkin 4")
    await h.say("uma", "/plc checkin 2")
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect --private My private words.")
    await h.say("uma", "/plc reflect --team Our shared words.")
    h.clock.advance(minutes=60)
    await h.say("fay", "/plc session close")
    sid = next(iter(h.store.state.sessions))
    for user, rel, rec in [("tia", 5, "yes"), ("uma", 4, "no")]:
        await h.click(user, f"plc:pulse:{sid}:relevant:{rel}")
        await h.click(user, f"plc:pulse:{sid}:recommend:{rec}")
    body = reply_text(await h.say("fay", "/plc report"))
    assert "1 session ·" in body and "2 checked in, arrival 3.0" in body
    assert "2 written · 50% of prompts answered" in body
    assert "50% strongly agree it was relevant (1 of 2); 50% would recommend (1 of 2)" in body
    assert "My private words." not in body and "Our shared words." not in body


async def test_reminder_opt_out_is_remembered(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("tia", "/plc me reminders off")
    assert h.store.state.members[(h.community.id, "tia")].reminders is False


async def test_a_streak_is_private_to_the_teacher(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc reflect Something.")
    before = list(h.chat.sent)
    out = await h.say("tia", "/plc me streak")
    assert "1 week in a row" in reply_text(out)
    assert h.chat.sent == before  # nothing posted anywhere


async def test_the_home_page_shows_my_teams_waiting_prompts_and_last_reflections(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    await h.say("tia", "/plc checkin 3")
    page = (await h.bot.home(h.actor("tia"))).plain_text()
    assert "Grade 4 Math · cycle 1, stage 1" in page and "Prompts waiting for you" in page
    await h.say("tia", "/plc reflect --private Mine alone.")
    page = (await h.bot.home(h.actor("tia"))).plain_text()
    assert "Prompts waiting for you" not in page and "> Mine alone." in page
    assert "Mine alone." not in (await h.bot.home(h.actor("uma"))).plain_text()


async def test_a_repeated_platform_event_is_handled_once(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.say("fay", "/plc prompt send")
    from bot.domain import MessageRef, PostedMessage

    delivery = max(h.store.state.deliveries)
    h.store.state.posted.append(
        PostedMessage(h.community.id, "prompt_dm", delivery, MessageRef("D-tia", "m9"), "tia")
    )
    outcomes = [
        await h.bot.message(h.actor("tia", dm=True), "Once only.", event_key="Ev1")
        for _ in range(4)
    ]
    assert len(h.store.state.reflections) == 1
    assert [o.reply is not None for o in outcomes] == [True, False, False, False]


async def test_a_refused_event_is_answered_once_and_nothing_else_of_it_is_kept(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    members = dict(h.store.state.members)
    out = await h.bot.message(h.actor("tia", dm=True), "No prompt yet.", event_key="Ev2")
    again = await h.bot.message(h.actor("tia", dm=True), "No prompt yet.", event_key="Ev2")
    assert not out.ok and out.reply is not None and again.reply is None
    assert list(h.store.state.events) == [(h.community.id, "Ev2")]
    assert h.store.state.members == members  # the refused use case left nothing else
