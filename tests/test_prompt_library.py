"""The prompt library: the shipped TOML data and the loader that checks it."""

from __future__ import annotations

import ast
import re
import shutil
import string
import sys
from pathlib import Path

import pytest

import prompts
from bot.domain import CycleStage
from bot.library import INTRO_PLACEHOLDERS, NUDGE_PLACEHOLDERS, PromptLibrary
from bot.library_loader import (
    FILES,
    MIN_PROMPTS_PER_STAGE,
    LibraryError,
    load_libraries,
    load_library,
)

PROMPTS_DIR = Path(prompts.__file__).parent
SHIPPED_LANGUAGES = sorted(  # a folder with no TOML holds only a UI catalog (or its parts)
    p.name
    for p in PROMPTS_DIR.iterdir()
    if p.is_dir() and not p.name.startswith(("_", ".")) and any(p.glob("*.toml"))
)
LOADER_SOURCE = Path(__file__).parents[1] / "bot" / "library_loader.py"
FORMAT_VALUES = {"team": "Grade 4 team", "stage": "analyze", "cycle": 2}


@pytest.fixture(scope="module")
def english() -> PromptLibrary:
    return load_library(PROMPTS_DIR / "en", "en")


def all_prompts(library: PromptLibrary) -> list[str]:
    texts = [p.text for group in library.prompts.values() for p in group]
    return texts + [p.text for p in library.closing_prompts]


def all_texts(library: PromptLibrary) -> list[str]:
    texts = all_prompts(library) + list(library.default_norms)
    for info in library.stages.values():
        texts += [info.name, info.purpose, info.introduction, info.protocol_name]
        texts += [*info.protocol_steps, *info.nudges]
    texts += [library.checkin.question, library.checkin.word_hint]
    texts += [p.label for p in library.checkin.scale]
    texts += [library.pulse.relevant_question, library.pulse.recommend_question]
    texts += [p.label for p in library.pulse.relevant_scale]
    return texts


# --- the shipped data --------------------------------------------------------------------------


def test_english_ships_with_all_five_files() -> None:
    assert "en" in SHIPPED_LANGUAGES
    for filename in FILES:
        assert (PROMPTS_DIR / "en" / filename).is_file()


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_shipped_language_loads_and_validates(language: str) -> None:
    library = load_library(PROMPTS_DIR / language, language)
    assert library.language == language
    assert set(library.stages) == set(CycleStage)
    assert set(library.prompts) == set(CycleStage)


def test_the_installed_prompts_package_loads_with_english_as_default() -> None:
    libraries = load_libraries()
    assert libraries.default == "en"
    assert libraries.languages == tuple(SHIPPED_LANGUAGES)
    assert libraries.get("xx").language == "en"


def test_each_stage_has_at_least_six_prompts_with_exactly_one_equity_prompt(
    english: PromptLibrary,
) -> None:
    for stage in CycleStage:
        group = english.prompts_for(stage)
        assert len(group) >= MIN_PROMPTS_PER_STAGE >= 6, stage
        assert sum(p.equity for p in group) == 1, stage
        assert all(p.stage is stage for p in group)


def test_prompt_ids_are_unique_across_the_library(english: PromptLibrary) -> None:
    ids = [p.id for group in english.prompts.values() for p in group]
    ids += [p.id for p in english.closing_prompts]
    assert len(ids) == len(set(ids))


def test_prompt_ids_name_their_stage_and_closing_ids_start_with_close(
    english: PromptLibrary,
) -> None:
    for stage, group in english.prompts.items():
        for p in group:
            assert re.fullmatch(rf"{stage.value}-\d+", p.id), p.id
    for p in english.closing_prompts:
        assert re.fullmatch(r"close-\d+", p.id), p.id
        assert p.stage is None


def test_a_prompt_can_be_found_by_its_id(english: PromptLibrary) -> None:
    found = english.prompt("analyze-1")
    assert found is not None and found.stage is CycleStage.ANALYZE
    closing = english.prompt("close-1")
    assert closing is not None and closing.stage is None
    assert english.prompt("no-such-prompt") is None


def test_every_nudge_and_introduction_formats_with_team_stage_and_cycle(
    english: PromptLibrary,
) -> None:
    assert {"team", "stage", "cycle"} == NUDGE_PLACEHOLDERS == INTRO_PLACEHOLDERS
    for info in english.stages.values():
        for text in (*info.nudges, info.introduction):
            formatted = text.format(**FORMAT_VALUES)
            assert "{" not in formatted and "}" not in formatted


def test_reflection_prompts_and_other_plain_texts_have_no_placeholders(
    english: PromptLibrary,
) -> None:
    formatted_fields = {t for info in english.stages.values() for t in info.nudges}
    formatted_fields |= {info.introduction for info in english.stages.values()}
    for text in all_texts(english):
        if text not in formatted_fields:
            assert "{" not in text and "}" not in text, text


def test_each_stage_suggests_a_protocol_of_three_to_eight_steps_and_four_or_more_nudges(
    english: PromptLibrary,
) -> None:
    for stage in CycleStage:
        info = english.stage(stage)
        assert info.stage is stage
        assert info.name and info.purpose and info.introduction and info.protocol_name
        assert 3 <= len(info.protocol_steps) <= 8, stage
        assert stage in info.protocol.stages
        assert len(info.nudges) >= 4, stage


def test_shipped_prompts_and_nudges_stay_under_300_characters(english: PromptLibrary) -> None:
    nudges = [n for info in english.stages.values() for n in info.nudges]
    for text in all_prompts(english) + nudges:
        assert len(text) < 300, text


def test_shipped_texts_are_plain_and_calm_without_exclamation_marks(
    english: PromptLibrary,
) -> None:
    for text in all_texts(english):
        assert "!" not in text, text
        assert text == text.strip() and text, text


def test_a_session_closes_with_at_least_four_reflection_prompts(english: PromptLibrary) -> None:
    assert len(english.closing_prompts) >= 4
    assert english.closing_prompts[0].id == "close-1"


def test_the_checkin_asks_how_people_are_arriving_on_a_1_to_5_scale(
    english: PromptLibrary,
) -> None:
    assert english.checkin.question == "How are you arriving?"
    assert [p.value for p in english.checkin.scale] == [1, 2, 3, 4, 5]
    assert english.checkin.word_hint


def test_the_pulse_asks_relevance_on_a_five_point_agreement_scale(
    english: PromptLibrary,
) -> None:
    pulse = english.pulse
    assert pulse.relevant_question == "This was relevant to my work"
    assert pulse.recommend_question == "I would recommend this to a colleague"
    assert [p.value for p in pulse.relevant_scale] == [1, 2, 3, 4, 5]
    assert "strongly disagree" in pulse.relevant_scale[0].label.lower()
    assert "strongly agree" in pulse.relevant_scale[4].label.lower()


def test_the_default_norms_are_the_five_from_the_design_in_order(english: PromptLibrary) -> None:
    expected = [
        "maintain confidentiality",
        "stay present",
        "lead with curiosity",
        "discuss ideas, not people",
        "prepare for reflection",
    ]
    assert len(english.default_norms) == len(expected)
    for norm, start in zip(english.default_norms, expected, strict=True):
        assert norm.lower().startswith(start), norm


def test_the_loader_imports_only_the_standard_library_and_bot() -> None:
    tree = ast.parse(LOADER_SOURCE.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module.split(".")[0])
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "bot"}
    assert third_party == set()


# --- broken copies -----------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A fresh copy of the English library to break."""
    target = tmp_path / "en"
    shutil.copytree(PROMPTS_DIR / "en", target)
    return target


def edit(directory: Path, filename: str, old: str, new: str) -> None:
    path = directory / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {filename}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_prompt(directory: Path, stage: str, prompt_id: str) -> None:
    path = directory / "reflections.toml"
    text = path.read_text(encoding="utf-8")
    pattern = rf'\[\[{stage}\]\]\nid = "{prompt_id}"\n(?:equity = \w+\n)?text = "[^"\n]*"\n\n?'
    new, count = re.subn(pattern, "", text)
    assert count == 1, f"test setup: prompt {prompt_id} not found"
    path.write_text(new, encoding="utf-8")


def assert_fails(directory: Path, filename: str, key: str, *problem: str) -> LibraryError:
    with pytest.raises(LibraryError) as caught:
        load_library(directory, "en")
    error = caught.value
    message = str(error)
    assert f"{filename}: {key}: " in message, message
    assert error.file.endswith(filename)
    assert error.key == key
    for words in problem:
        assert words in message, message
    assert isinstance(error, ValueError)
    return error


def test_an_unknown_placeholder_in_a_nudge_names_the_file_and_the_nudge(copy: Path) -> None:
    edit(copy, "stages.toml", "{team}, the numbers", "{teacher}, the numbers")
    assert_fails(copy, "stages.toml", "analyze.nudges[3]", "unknown placeholder {teacher}")


def test_a_placeholder_with_attribute_access_is_unknown(copy: Path) -> None:
    edit(copy, "stages.toml", "{team} is moving to {stage} in cycle {cycle}. Let's", "{team.name}")
    assert_fails(copy, "stages.toml", "goals.introduction", "{team.name}")


def test_a_nameless_placeholder_is_refused(copy: Path) -> None:
    edit(copy, "stages.toml", "Cycle {cycle}: what will", "Cycle {}: what will")
    assert_fails(copy, "stages.toml", "goals.nudges[1]", "has no name")


def test_a_malformed_placeholder_is_refused(copy: Path) -> None:
    edit(copy, "stages.toml", "Cycle {cycle}: what will", "Cycle {cycle: what will")
    assert_fails(copy, "stages.toml", "goals.nudges[1]", "malformed placeholder")


def test_a_reflection_prompt_may_not_use_placeholders(copy: Path) -> None:
    edit(copy, "reflections.toml", "Looking at this data,", "Looking at {team}'s data,")
    assert_fails(copy, "reflections.toml", "analyze[0].text", "unknown placeholder {team}")


def test_a_stage_name_may_not_use_placeholders(copy: Path) -> None:
    edit(copy, "stages.toml", 'name = "Learn together"', 'name = "Learn together in {cycle}"')
    assert_fails(copy, "stages.toml", "learn.name", "takes no placeholders")


def test_a_duplicate_prompt_id_names_both_places(copy: Path) -> None:
    edit(copy, "reflections.toml", 'id = "analyze-2"', 'id = "analyze-1"')
    assert_fails(
        copy,
        "reflections.toml",
        "analyze[1].id",
        "duplicate prompt id 'analyze-1'",
        "analyze[0].id",
    )


def test_a_duplicate_closing_prompt_id_is_refused(copy: Path) -> None:
    edit(copy, "session.toml", 'id = "close-2"', 'id = "close-1"')
    assert_fails(copy, "session.toml", "closing[1].id", "duplicate prompt id")


def test_a_prompt_id_must_name_its_stage(copy: Path) -> None:
    edit(copy, "reflections.toml", 'id = "goals-3"', 'id = "goal-3"')
    assert_fails(copy, "reflections.toml", "goals[2].id", "must start with 'goals-'")


def test_a_duplicate_prompt_text_is_refused_even_across_files(copy: Path) -> None:
    edit(
        copy,
        "session.toml",
        "What is one idea you are taking with you from today?",
        "What is working well enough that we should keep doing it?",
    )
    assert_fails(copy, "session.toml", "closing[0].text", "duplicate prompt text", "monitor[1]")


def test_a_duplicate_norm_is_refused(copy: Path) -> None:
    edit(
        copy,
        "norms.toml",
        "Stay present: give this time and each other your full attention.",
        "Maintain confidentiality: what is shared here stays here.",
    )
    assert_fails(copy, "norms.toml", "norms[1]", "duplicate norm")


def test_a_missing_stage_is_named(copy: Path) -> None:
    path = copy / "stages.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[monitor]")], encoding="utf-8")
    assert_fails(copy, "stages.toml", "monitor", "missing key 'monitor'")


def test_a_stage_missing_from_the_reflections_is_named(copy: Path) -> None:
    path = copy / "reflections.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[[monitor]]")], encoding="utf-8")
    assert_fails(copy, "reflections.toml", "monitor", "missing key 'monitor'")


def test_a_missing_key_is_named(copy: Path) -> None:
    edit(copy, "stages.toml", 'protocol = "smart-goal"\n', "")
    assert_fails(copy, "stages.toml", "goals.protocol", "missing key 'protocol'")


def test_an_unknown_key_is_named_with_a_suggestion(copy: Path) -> None:
    edit(copy, "session.toml", "word_hint =", "word_hints =")
    assert_fails(
        copy, "session.toml", "checkin.word_hints", "unknown key", "did you mean 'word_hint'"
    )


def test_an_unknown_stage_is_named(copy: Path) -> None:
    edit(copy, "reflections.toml", '[[analyze]]\nid = "analyze-7"', '[[analyse]]\nid = "analyze-7"')
    assert_fails(copy, "reflections.toml", "analyse", "unknown key 'analyse'", "'analyze'")


def test_a_wrong_type_is_named(copy: Path) -> None:
    edit(copy, "stages.toml", 'name = "Set learning goals"', 'name = ["Set learning goals"]')
    assert_fails(copy, "stages.toml", "goals.name", "expected a string, got an array")


def test_a_text_where_an_array_belongs_is_named(copy: Path) -> None:
    (copy / "norms.toml").write_text('norms = "Be kind."\n', encoding="utf-8")
    assert_fails(copy, "norms.toml", "norms", "expected an array of norms, got a string")


def test_an_equity_flag_must_be_true_or_false(copy: Path) -> None:
    edit(copy, "reflections.toml", "equity = true", 'equity = "yes"')
    assert_fails(copy, "reflections.toml", "analyze[6].equity", "expected true or false")


def test_an_empty_text_is_refused(copy: Path) -> None:
    edit(copy, "stages.toml", 'name = "Learn together"', 'name = "   "')
    assert_fails(copy, "stages.toml", "learn.name", "is empty")


def test_fewer_than_six_prompts_for_a_stage_is_refused(copy: Path) -> None:
    remove_prompt(copy, "goals", "goals-1")
    remove_prompt(copy, "goals", "goals-2")
    assert_fails(copy, "reflections.toml", "goals", "has 5 prompts", "at least 6")


def test_a_stage_without_an_equity_prompt_is_refused(copy: Path) -> None:
    remove_prompt(copy, "learn", "learn-7")
    assert_fails(copy, "reflections.toml", "learn", "exactly one prompt with equity = true")


def test_a_stage_with_two_equity_prompts_is_refused(copy: Path) -> None:
    edit(copy, "reflections.toml", 'id = "learn-1"\n', 'id = "learn-1"\nequity = true\n')
    assert_fails(copy, "reflections.toml", "learn", "found 2 (learn-1, learn-7)")


def test_a_checkin_scale_that_skips_a_value_is_refused(copy: Path) -> None:
    edit(copy, "session.toml", 'value = 4\nlabel = "4 — ready', 'value = 6\nlabel = "4 — ready')
    assert_fails(
        copy, "session.toml", "checkin.scale", "exactly 1, 2, 3, 4, 5", "got 1, 2, 3, 6, 5"
    )


def test_a_pulse_scale_with_four_points_is_refused(copy: Path) -> None:
    edit(
        copy,
        "session.toml",
        '[[pulse.relevant_scale]]\nvalue = 3\nlabel = "3 — neither agree nor disagree"\n\n',
        "",
    )
    assert_fails(copy, "session.toml", "pulse.relevant_scale", "got 1, 2, 4, 5")


def test_a_scale_value_must_be_an_integer(copy: Path) -> None:
    edit(copy, "session.toml", 'value = 3\nlabel = "3 — steady', 'value = "3"\nlabel = "3 — steady')
    assert_fails(copy, "session.toml", "checkin.scale[2].value", "expected an integer")


def test_a_boolean_is_not_a_scale_value(copy: Path) -> None:
    edit(
        copy,
        "session.toml",
        'value = 1\nlabel = "1 — running',
        'value = true\nlabel = "1 — running',
    )
    assert_fails(copy, "session.toml", "checkin.scale[0].value", "expected an integer")


def test_a_missing_file_is_named(copy: Path) -> None:
    (copy / "norms.toml").unlink()
    with pytest.raises(LibraryError, match=r"norms\.toml: file is missing"):
        load_library(copy, "en")


def test_invalid_toml_is_named(copy: Path) -> None:
    edit(copy, "norms.toml", "norms = [", "norms = [[")
    with pytest.raises(LibraryError, match=r"norms\.toml: not valid TOML: Unclosed array"):
        load_library(copy, "en")


def test_loading_all_languages_stops_at_a_broken_one(copy: Path) -> None:
    shutil.copytree(copy, copy.parent / "fr")
    edit(copy.parent / "fr", "stages.toml", "{team}, the numbers", "{equipe}, the numbers")
    with pytest.raises(LibraryError, match=r"fr/stages\.toml: analyze\.nudges\[3\]: "):
        load_libraries(copy.parent)


def test_loading_all_languages_needs_the_default_language(copy: Path) -> None:
    copy.rename(copy.parent / "fr")
    with pytest.raises(LibraryError, match="no library for the default language 'en'"):
        load_libraries(copy.parent)
    assert load_libraries(copy.parent, default="fr").get("en").language == "fr"


def test_the_error_message_is_readable_as_one_line(copy: Path) -> None:
    edit(copy, "stages.toml", "{team}, the numbers", "{teacher}, the numbers")
    error = assert_fails(copy, "stages.toml", "analyze.nudges[3]")
    assert "\n" not in str(error)
    assert "allowed: {cycle}, {stage}, {team}" in str(error)
    field_names = [f for _, f, _, _ in string.Formatter().parse("{teacher}") if f]
    assert field_names == ["teacher"]
