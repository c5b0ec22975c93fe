"""Everyday friction with commands and help (issue 18): groups typed alone, help on a group or
an unknown name, curly quotes and dashes, stages by number or title, refusals that name who can
help, the community report from any channel, and bidi controls in short shared fields."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.harness import Harness, reply_text


@pytest.mark.parametrize(
    ("group", "commands"),
    [
        ("stage", ["/plc stage next", "/plc stage set 4"]),
        ("me", ["/plc me export", "/plc me forget", "/plc me streak", "/plc me reminders off"]),
        ("team", ['/plc team create "Grade 4 Math"', "/plc team set tz America/Denver"]),
        ("prompt", ["/plc prompt list analyze", "/plc prompt send 2"]),
    ],
)
async def test_a_group_typed_alone_lists_its_commands_with_an_example_each(
    h: Harness, group: str, commands: list[str]
) -> None:
    body = reply_text(await h.say("ana", f"/plc {group}"))
    assert f"/plc {group} needs one more word, one of these:" in body
    assert "has no" not in body
    for example in commands:
        assert f"Example: {example}" in body, example


@pytest.mark.parametrize(
    ("topic", "shown", "not_shown"),
    [
        ("calendar", "/plc calendar off", "/plc checkin"),
        ("me", "/plc me forget", "/plc checkin"),
        ("schedule", "/plc schedule pause <id>", "/plc checkin"),
        ("norms", "/plc norms add <text>", "/plc checkin"),
    ],
)
async def test_help_on_a_group_shows_that_groups_commands_only(
    h: Harness, topic: str, shown: str, not_shown: str
) -> None:
    body = reply_text(await h.say("ana", f"/plc help {topic}"))
    assert shown in body and not_shown not in body


async def test_help_on_norms_shows_the_editing_forms_too(h: Harness) -> None:
    body = reply_text(await h.say("ana", "/plc help norms"))
    for form in ("/plc norms —", "/plc norms add", "/plc norms remove", "/plc norms reset"):
        assert form in body, form


async def test_help_on_an_unknown_name_says_so_with_the_closest_match(h: Harness) -> None:
    out = await h.say("ana", "/plc help shedule")
    body = reply_text(out)
    assert "There is no command “shedule”" in body and "Did you mean /plc help schedule?" in body
    assert "For admins" not in body  # not the whole help


async def test_help_for_a_newcomer_shows_team_create_while_the_community_has_no_team(
    h: Harness,
) -> None:
    first = reply_text(await h.say("tia", "/plc help"))
    assert (
        '/plc team create "Grade 4 Math" America/Chicago' in first and "becomes its admin" in first
    )
    await h.team_with_facilitator()
    later = reply_text(await h.say("tia", "/plc help"))
    assert "/plc team create" not in later  # a teacher once the community has its admin


async def test_a_time_that_cannot_be_read_gives_its_examples_once(h: Harness) -> None:
    await h.team_with_facilitator()
    body = reply_text(await h.say("ana", '/plc schedule add checkin "soon"'))
    assert "I can't read “soon” as a time" in body
    assert body.count('"weekdays 08:00"') == 1


async def test_curly_quotes_and_dashes_from_phones_mean_quotes_and_flags(h: Harness) -> None:
    assert (await h.say("ana", "/plc team create “Grade 4 Math” America/Chicago")).ok
    (team,) = h.store.state.teams.values()
    assert team.name == "Grade 4 Math"
    await h.say("fay", "/plc prompt send")
    out = await h.say("tia", "/plc reflect —team Fractions — finally clicked.")
    assert "the whole team" in reply_text(out)
    (saved,) = h.store.state.reflections.values()
    assert saved.text == "Fractions — finally clicked."  # a dash in the words stays
    assert (await h.say("ana", "/plc schedule add checkin “daily 16:00”")).ok
    off = await h.say("ana", "/plc calendar off 2026-11-26..2026-11-27 Thanksgiving –team")
    assert off.ok and "Thanksgiving" in reply_text(off)
    (brk,) = h.store.state.breaks.values()
    assert brk.team_id == team.id and brk.label == "Thanksgiving"  # the dash was the flag


async def test_a_team_name_with_an_apostrophe_needs_no_quotes(h: Harness) -> None:
    out = await h.say("ana", "/plc team create Ana's team")
    assert out.ok, reply_text(out)
    (team,) = h.store.state.teams.values()
    assert team.name == "Ana's team"


@pytest.mark.parametrize(
    ("said", "stage"),
    [("4", "Try it in the classroom"), ("learn", "Learn together"), ("Learn together", "Learn together"),
     ("try it in the CLASSROOM", "Try it in the classroom"), ("stage 2", "Set learning goals")],
)  # fmt: skip
async def test_stage_set_takes_the_stages_number_id_or_title(
    h: Harness, said: str, stage: str
) -> None:
    await h.team_with_facilitator()
    out = await h.say("fay", f"/plc stage set {said}")
    assert out.ok and f": {stage}." in reply_text(out), reply_text(out)


async def test_stage_set_with_an_unknown_title_lists_numbers_ids_and_titles(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("fay", "/plc stage set Planning")
    body = reply_text(out)
    assert not out.ok and "“Planning” is not a stage" in body
    assert "4 implement (Try it in the classroom)" in body and "/plc stage set 4" in body


async def test_an_admins_command_refused_names_the_communitys_admins(h: Harness) -> None:
    await h.team_with_facilitator()
    body = reply_text(await h.say("tia", "/plc team set tz America/Denver"))
    assert "Only an admin can use" in body and "Ask one of this community's admins: @ana." in body


async def test_a_facilitators_command_refused_shows_the_grant_with_the_persons_own_mention(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    body = reply_text(await h.say("tia", "/plc session open Fractions"))
    assert "Ask an admin (@ana) to give you the role: /plc role grant @tia facilitator." in body
    assert "@you" not in body


async def test_an_admin_runs_report_all_outside_any_team_channel(h: Harness) -> None:
    await h.team_with_facilitator()
    out = await h.say("ana", "/plc report all", channel="C-lounge")
    assert out.ok and "Report: every learning team" in reply_text(out)
    assert "Grade 4 Math" in reply_text(out)
    refused = await h.say("fay", "/plc report all", channel="C-lounge")
    assert not refused.ok and "Only an admin can use /plc report" in reply_text(refused)


async def test_bidi_controls_are_removed_from_team_names_topics_and_norms_only(
    h: Harness,
) -> None:
    rlo, pdf, lri = "\u202e", "\u202c", "\u2066"
    await h.say("ana", f'/plc team create "Math{rlo}gnp.exe{pdf}" America/Chicago')
    await h.say("ana", f"/plc session open Frac{lri}tions")
    await h.say("ana", f"/plc norms add Be {rlo}kind{pdf}.")
    (team,) = h.store.state.teams.values()
    (session,) = h.store.state.sessions.values()
    assert team.name == "Mathgnp.exe" and session.topic == "Fractions"
    assert "Be kind." in reply_text(await h.say("ana", "/plc norms"))
    await h.say("ana", "/plc prompt send")
    await h.say("tia", f"/plc reflect Hebrew: {rlo}abc{pdf}")
    (saved,) = h.store.state.reflections.values()
    assert rlo in saved.text  # a reflection is its author's text


async def test_a_scheduled_check_in_card_says_no_session_needs_to_be_open(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("ana", '/plc schedule add checkin "daily 16:00"')).ok
    h.clock.set(
        datetime.fromisoformat("2026-09-14T16:00").replace(tzinfo=ZoneInfo("America/Chicago"))
    )
    assert (await h.runner().tick()).posted == 1
    (card,) = [p for p in h.chat.posts_to("C1") if "Check-in:" in p.text]
    assert "Check in any time: no session needs to be open." in card.text
    assert "asynchronous" not in card.text


async def test_a_partial_command_lists_what_can_follow_it(h: Harness) -> None:
    body = reply_text(await h.say("ana", "/plc team set"))
    assert "/plc team set needs one more word, one of these:" in body
    assert "Example: /plc team set tz America/Denver" in body
    assert "/plc team create" not in body
