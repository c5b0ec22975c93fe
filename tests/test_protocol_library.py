"""The protocols of the prompt library (prompts/<lang>/protocols.toml): the shipped ones, and
the loader's checks on broken copies, each naming the file and the key path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import prompts
from bot.domain import CycleStage
from bot.library import PromptLibrary
from bot.library_loader import LibraryError, load_library
from bot.protocols import MOST_MINUTES

EN = Path(prompts.__file__).parent / "en"
WELL_KNOWN = {
    "data-driven-dialogue",
    "notice-and-wonder",
    "tuning",
    "success-analysis",
    "consultancy",
    "final-word",
}


@pytest.fixture(scope="module")
def english() -> PromptLibrary:
    return load_library(EN, "en")


def test_the_library_ships_six_well_known_protocols_and_more(english: PromptLibrary) -> None:
    assert WELL_KNOWN <= set(english.protocols)
    for protocol in english.protocols.values():
        assert protocol.name and protocol.purpose and protocol.stages
        assert 3 <= len(protocol.steps) <= 8, protocol.id
        for step in protocol.steps:
            assert step.name and step.prompt and 1 <= step.minutes <= MOST_MINUTES
            assert "!" not in step.prompt and "{" not in step.prompt


def test_each_stage_s_suggested_protocol_is_one_of_the_library_s_and_fits_the_stage(
    english: PromptLibrary,
) -> None:
    for stage in CycleStage:
        info = english.stage(stage)
        assert english.protocols[info.protocol.id] is info.protocol
        assert stage in info.protocol.stages
        assert info.protocol_steps[0].startswith(info.protocol.steps[0].name + ": ")


def test_a_protocol_is_found_by_its_id_or_its_name_in_any_case(english: PromptLibrary) -> None:
    found = english.find_protocol("notice-and-wonder")
    assert found is not None
    assert english.find_protocol("Notice and Wonder") is found
    assert english.find_protocol("  notice   AND wonder ") is found
    assert english.find_protocol("notice") is None


# --- broken copies -----------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "en"
    shutil.copytree(EN, target)
    return target


def edit(directory: Path, filename: str, old: str, new: str) -> None:
    path = directory / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {filename}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_fails(directory: Path, filename: str, key: str, *problem: str) -> None:
    with pytest.raises(LibraryError) as caught:
        load_library(directory, "en")
    message = str(caught.value)
    assert f"{filename}: {key}: " in message, message
    for part in problem:
        assert part in message, message


def test_a_step_without_minutes_is_named(copy: Path) -> None:
    edit(copy, "protocols.toml", 'name = "Predict"\nminutes = 5\n', 'name = "Predict"\n')
    assert_fails(copy, "protocols.toml", "protocol[0].step[0].minutes", "missing key 'minutes'")


def test_minutes_must_be_a_whole_number_in_range(copy: Path) -> None:
    edit(copy, "protocols.toml", 'name = "Observe"\nminutes = 10', 'name = "Observe"\nminutes = 0')
    assert_fails(copy, "protocols.toml", "protocol[0].step[2].minutes", "1 to 60 minutes")


def test_minutes_written_as_text_are_refused(copy: Path) -> None:
    edit(
        copy, "protocols.toml", 'name = "Observe"\nminutes = 10', 'name = "Observe"\nminutes = "10"'
    )
    assert_fails(copy, "protocols.toml", "protocol[0].step[2].minutes", "expected an integer")


def test_an_unknown_stage_is_named(copy: Path) -> None:
    edit(copy, "protocols.toml", 'stages = ["analyze", "monitor"]', 'stages = ["analyse"]')
    assert_fails(copy, "protocols.toml", "protocol[0].stages[0]", "unknown stage 'analyse'")


def test_a_duplicate_protocol_id_is_named(copy: Path) -> None:
    edit(copy, "protocols.toml", 'id = "notice-and-wonder"', 'id = "data-driven-dialogue"')
    assert_fails(copy, "protocols.toml", "protocol[1].id", "duplicate protocol id")


def test_an_id_with_spaces_is_refused(copy: Path) -> None:
    edit(copy, "protocols.toml", 'id = "tuning"', 'id = "Tuning protocol"')
    assert_fails(copy, "protocols.toml", "protocol[2].id", "lowercase letters, digits and hyphens")


def test_a_protocol_of_one_step_is_refused(copy: Path) -> None:
    text = (copy / "protocols.toml").read_text(encoding="utf-8")
    start = text.index('[[protocol.step]]\nname = "Go visual"')
    end = text.index('[[protocol]]\nid = "notice-and-wonder"')
    (copy / "protocols.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert_fails(copy, "protocols.toml", "protocol[0].step", "has 1 step;", "3 to 8")


def test_an_unknown_key_is_named_with_a_suggestion(copy: Path) -> None:
    edit(copy, "protocols.toml", 'prompt = "Before looking', 'promt = "Before looking')
    assert_fails(
        copy, "protocols.toml", "protocol[0].step[0].promt", "unknown key", "did you mean 'prompt'"
    )


def test_a_placeholder_in_a_step_prompt_is_refused(copy: Path) -> None:
    edit(copy, "protocols.toml", "Before looking, each", "Before looking, {team}, each")
    assert_fails(copy, "protocols.toml", "protocol[0].step[0].prompt", "unknown placeholder")


def test_a_stage_naming_an_unknown_protocol_is_named(copy: Path) -> None:
    edit(copy, "stages.toml", 'protocol = "smart-goal"', 'protocol = "smart-goals"')
    assert_fails(copy, "stages.toml", "goals.protocol", "unknown protocol 'smart-goals'")


def test_a_stage_naming_a_protocol_that_does_not_fit_it_is_named(copy: Path) -> None:
    edit(copy, "stages.toml", 'protocol = "smart-goal"', 'protocol = "tuning"')
    assert_fails(copy, "stages.toml", "goals.protocol", "does not list 'goals'")


def test_a_missing_protocols_file_is_named(copy: Path) -> None:
    (copy / "protocols.toml").unlink()
    with pytest.raises(LibraryError, match=r"protocols\.toml: file is missing"):
        load_library(copy, "en")
