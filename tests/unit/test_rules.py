"""Each rule of bot/rules (and the figures of bot/reports) is written once: these tests reach
it from two of the ways in that used to carry their own copy, and show both answer alike."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

import prompts
from bot import actions
from bot.commands import intents as i
from bot.commands.grammar import COMMANDS
from bot.config import ConfigError
from bot.declared import (
    DeclarationError,
    DeclaredCommunity,
    DeclaredTeam,
    apply_declared,
    parse_communities,
)
from bot.library_loader import SCALE_VALUES, LibraryError, load_library
from bot.reports import rate
from bot.rules.norms import NORM_MAX, NormRule, norm_text, with_norm, without_norm
from bot.rules.score import SCALE, OutOfScale, parse_score, score
from bot.rules.zones import UnknownZone, zone
from bot.scheduling.model import KINDS, ScheduleKind
from bot.usecases.help import said
from plcbot.registry import parse_config
from tests.harness import Harness, reply_text

# ---- the check-in scale --------------------------------------------------------------------


@pytest.mark.parametrize("value", range(-1, 8))
async def test_the_scale_is_one_rule_for_text_typed_intents_buttons_and_the_library(
    h: Harness, value: int
) -> None:
    await h.team_with_facilitator()
    on_scale = value in SCALE
    said = await h.say("tia", f"/plc checkin {value}") if value >= 0 else None
    typed = await h.bot.handle(h.actor("tia"), i.CheckInCmd(value))
    click = actions.click(f"plc:checkin:0:{value}")
    assert typed.ok is on_scale and (said is None or said.ok is on_scale)
    assert (click == i.CheckInClick(0, value)) if on_scale else click is None
    assert (parse_score(str(value)) == value) if on_scale else parse_score(str(value)) is None
    if not on_scale:
        with pytest.raises(OutOfScale) as error:
            score(value)
        assert reply_text(typed).startswith(str(error.value))
        assert said is None or reply_text(said).startswith(str(error.value))
    assert SCALE_VALUES == SCALE == (1, 2, 3, 4, 5)


@pytest.mark.parametrize("word", ["²", "٣", "５", "³"])
def test_a_digit_of_another_script_in_a_button_id_is_no_score_and_breaks_nothing(
    word: str,
) -> None:
    """str.isdigit() says yes to "²", int() then raises: a crafted click must not reach it."""
    assert parse_score(word) is None
    assert actions.click(f"plc:checkin:0:{word}") is None


# ---- time zones ------------------------------------------------------------------------------


async def test_a_wrong_zone_is_refused_in_the_same_words_in_chat_config_and_declarations(
    h: Harness,
) -> None:
    with pytest.raises(UnknownZone) as rule:
        zone("Mars/Base")
    wording = str(rule.value)
    chat = reply_text(await h.say("ana", "/plc team create Fractions Mars/Base"))
    with pytest.raises(ConfigError) as config:
        parse_config({"bot": {"default_timezone": "Mars/Base"}}, {})
    with pytest.raises(ConfigError) as declared:
        parse_config(
            {
                "community": [
                    {"id": "slack:T1", "team": [{"channel": "C1", "timezone": "Mars/Base"}]}
                ]
            },
            {},
        )
    assert chat.startswith(wording)
    assert str(config.value) == f"[bot] default_timezone: {wording}"
    assert str(declared.value) == f"community[0].team[0].timezone: {wording}"
    assert (await h.say("ana", "/plc team create Fractions Europe/Berlin")).ok
    bad_schedule = await h.say("ana", '/plc schedule add checkin "daily 09:00" Mars/Base')
    assert reply_text(bad_schedule).startswith(wording)


# ---- founding a team -------------------------------------------------------------------------


async def test_a_team_made_in_chat_and_one_declared_in_the_config_are_founded_alike(
    h: Harness,
) -> None:
    assert (await h.say("ana", '/plc team create "Grade 4 Math" America/Chicago', "C1")).ok
    declared = DeclaredCommunity(
        h.community.id, teams=(DeclaredTeam("C2", "Grade 4 Math", "America/Chicago"),)
    )
    await apply_declared(h.store.uow, h.clock, [declared], default_language="en")
    made, written = sorted(h.store.state.teams.values(), key=lambda t: t.channel_id)

    def founded(t: object) -> dict[str, object]:
        fields = dataclasses.asdict(t)  # type: ignore[call-overload]
        return {k: v for k, v in fields.items() if k not in {"id", "channel_id", "created_by"}}

    assert founded(made) == founded(written)
    assert (made.stage.value, made.cycle, made.norms) == ("analyze", 1, None)
    starts = {(c.team_id, c.cycle, c.stage, c.started_at) for _, c in h.store.state.stage_changes}
    assert starts == {(t.id, 1, t.stage, h.clock.now()) for t in (made, written)}


async def test_a_name_too_long_is_refused_by_the_command_and_the_config_alike(h: Harness) -> None:
    name = "x" * 81
    chat = reply_text(await h.say("ana", f"/plc team create {name}"))
    with pytest.raises(DeclarationError) as declared:
        parse_communities([{"id": "slack:T1", "team": [{"channel": "C1", "name": name}]}])
    problem = "Team names can be up to 80 characters; this one has 81."
    assert chat.startswith(problem)
    assert str(declared.value) == f"community[0].team[0].name: {problem}"


# ---- norms -----------------------------------------------------------------------------------


def test_a_norm_loses_bidi_controls_and_line_breaks_but_keeps_right_to_left_marks() -> None:
    assert norm_text(" Listen\u202e first\n\u2066together\u2069 ") == "Listen first together"
    assert norm_text("שקט\u200f please") == "שקט\u200f please"
    with pytest.raises(NormRule, match="needs some words"):
        with_norm(("Be kind",), "\u202e\u202c")
    with pytest.raises(NormRule, match="up to 2 norms"):
        with_norm(("a", "b"), "c", most=2)
    assert without_norm(("a", "b", "c"), 2) == (("a", "c"), "b")
    with pytest.raises(NormRule, match="There is no norm 4; the team has 3"):
        without_norm(("a", "b", "c"), 4)


async def test_a_norm_is_held_to_the_same_rule_in_chat_and_in_the_prompt_library(
    h: Harness, tmp_path: Path
) -> None:
    await h.team_with_facilitator()
    added = await h.say("fay", "/plc norms add Assume\u202e good intent")
    assert reply_text(added).endswith("Assume good intent")
    long = "y" * (NORM_MAX + 1)
    in_chat = reply_text(await h.say("fay", f"/plc norms add {long}"))
    library = tmp_path / "en"
    shutil.copytree(Path(prompts.__file__).parent / "en", library)
    (library / "norms.toml").write_text(f'norms = ["{long}"]\n', encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        load_library(library, "en")
    assert error.value.key == "norms[0]" and error.value.problem == in_chat
    (library / "norms.toml").write_text('norms = ["Stay\u202e present"]\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="without bidirectional controls"):
        load_library(library, "en")


# ---- schedule kinds --------------------------------------------------------------------------


async def test_schedule_kinds_come_from_one_enum_for_the_grammar_help_and_declarations(
    h: Harness,
) -> None:
    assert KINDS == tuple(k.value for k in ScheduleKind)
    (spec,) = [s for s in COMMANDS if s.name == "schedule add"]
    assert "Kinds: " + ", ".join(KINDS) in said(spec.details)  # the help as it is said
    await h.team_with_facilitator()
    chat = reply_text(await h.say("ana", '/plc schedule add dance "daily 09:00"'))
    with pytest.raises(DeclarationError) as declared:
        parse_communities(
            [
                {
                    "id": "slack:T1",
                    "team": [
                        {"channel": "C1", "schedule": [{"kind": "dance", "when": "daily 09:00"}]}
                    ],
                }
            ]
        )
    wording = "“dance” is not a kind of schedule. Kinds: " + ", ".join(KINDS) + "."
    assert chat.startswith(wording)
    assert str(declared.value) == f"community[0].team[0].schedule[0].kind: {wording}"


# ---- the report's figures --------------------------------------------------------------------


async def test_the_close_summary_and_the_report_give_the_same_arrival_average(h: Harness) -> None:
    await h.team_with_facilitator()
    assert (await h.say("fay", "/plc session open Fractions")).ok
    for person, value in (("tia", 2), ("lee", 4), ("sam", 5)):  # 11 / 3 = 3.67
        assert (await h.say(person, f"/plc checkin {value}")).ok
    summary = reply_text(await h.say("fay", "/plc session close"))
    assert "3 checked in · arrival average 3.7 of 5" in summary
    report = reply_text(await h.say("fay", "/plc report"))
    assert "Arrival: average 3.7 of 5 over 3 check-ins" in report
    every_team = reply_text(await h.say("ana", "/plc report all"))
    assert "arrival 3.7" in every_team


def test_the_response_rate_is_answered_pairs_over_prompts_times_teachers() -> None:
    assert rate(3, 2, 3) == 0.5
    assert rate(0, 0, 3) is None and rate(1, 1, 0) is None


def test_a_digit_that_is_not_0_to_9_is_no_score_and_raises_nothing() -> None:
    assert [parse_score(w) for w in ("²", "٣", "４")] == [None, None, None]
