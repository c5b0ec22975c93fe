"""The micro-credential catalog: the shipped TOML data, and the loader that checks it, tried on
broken copies (each error names the file and the key path), and a district's own folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import prompts
from bot.credential_catalog import CredentialError, load_catalog, load_credential
from bot.credential_names import likely_names
from bot.credentials import PartKind

SHIPPED = Path(prompts.__file__).parent / "en" / "credentials"


def test_three_complete_micro_credentials_ship_with_plcbot() -> None:
    catalog = load_catalog()
    assert catalog.ids == ("formative-data", "inquiry-cycle", "responsive-feedback")
    for c in catalog.credentials:
        kinds = [p.kind for p in c.parts]
        assert kinds[0] is PartKind.OVERVIEW and kinds[-1] is PartKind.REFLECTION
        assert PartKind.ARTIFACT in kinds
        assert all(p.must_show for p in c.parts if p.kind is PartKind.ARTIFACT)
        assert c.parts[-1].words is not None
        assert c.competency and c.key_method and c.guidance


def test_the_shipped_texts_name_no_one() -> None:
    for c in load_catalog().credentials:
        for said in (c.competency, c.key_method, c.guidance, *(p.guidance for p in c.parts)):
            assert likely_names(said) == [], said


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "district"
    shutil.copytree(SHIPPED, target)
    for path in target.iterdir():  # a district's own ids
        path.write_text(path.read_text().replace('id = "', 'id = "district-', 1))
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def fails(folder: Path, *patterns: str) -> str:
    with pytest.raises(CredentialError) as caught:
        load_catalog([folder])
    message = str(caught.value)
    for pattern in patterns:
        assert re.search(pattern, message), f"{pattern!r} not in {message!r}"
    return message


def test_a_district_folder_adds_its_micro_credentials_after_the_shipped_ones(copy: Path) -> None:
    catalog = load_catalog([copy])
    assert catalog.ids[3:] == (
        "district-formative-data",
        "district-inquiry-cycle",
        "district-responsive-feedback",
    )
    assert load_catalog([copy], shipped=False).ids[0] == "district-formative-data"


def test_an_id_used_twice_names_both_files(copy: Path) -> None:
    edit(copy / "inquiry-cycle.toml", 'id = "district-inquiry-cycle"', 'id = "formative-data"')
    fails(
        copy,
        r"inquiry-cycle\.toml: id: duplicate micro-credential id 'formative-data' \(first at id in .*formative-data\.toml\)",
    )


def test_a_missing_key_is_named_with_its_file(copy: Path) -> None:
    edit(copy / "formative-data.toml", "key_method = ", "method = ")
    fails(copy, r"formative-data\.toml: method: unknown key 'method'; did you mean 'key_method'\?")


def test_an_artifact_without_what_it_must_show_is_refused(copy: Path) -> None:
    edit(
        copy / "formative-data.toml",
        'must_show = "The check itself',
        'guidance_2 = "The check itself',
    )
    fails(copy, r"formative-data\.toml: parts\[1\]\.guidance_2: unknown key")


def test_an_unknown_part_kind_is_named(copy: Path) -> None:
    edit(copy / "inquiry-cycle.toml", 'kind = "artifact"', 'kind = "video"')
    fails(
        copy,
        r"inquiry-cycle\.toml: parts\[2\]\.kind: unknown kind 'video' \(expected one of: overview, artifact, reflection\)",
    )


def test_must_show_on_a_part_that_is_no_artifact_is_refused(copy: Path) -> None:
    edit(copy / "inquiry-cycle.toml", 'kind = "artifact"', 'kind = "overview"')
    fails(copy, r"parts\[2\]\.must_show: only an artifact part says what it must show")


def test_a_word_range_must_be_two_rising_numbers(copy: Path) -> None:
    edit(copy / "responsive-feedback.toml", "words = [150, 300]", "words = [300, 150]")
    fails(copy, r"responsive-feedback\.toml: parts\[0\]\.words: expected 0 <= least < most")


def test_a_word_range_of_text_is_refused(copy: Path) -> None:
    edit(copy / "responsive-feedback.toml", "words = [150, 300]", 'words = ["150", 300]')
    fails(copy, r"parts\[0\]\.words\[0\]: expected an integer, got a string")


def test_a_duplicate_part_id_is_refused(copy: Path) -> None:
    edit(copy / "formative-data.toml", 'id = "adjusted-plan"', 'id = "context"')
    fails(copy, r"parts\[2\]\.id: duplicate part id 'context' \(first at parts\[0\]\.id\)")


def test_a_badly_written_id_is_refused(copy: Path) -> None:
    edit(copy / "formative-data.toml", 'id = "district-formative-data"', 'id = "Formative Data"')
    fails(copy, r"formative-data\.toml: id: 'Formative Data' must be lowercase letters")


def test_no_parts_is_refused(copy: Path) -> None:
    path = copy / "formative-data.toml"
    path.write_text(path.read_text().split("[[parts]]")[0] + "parts = []\n")
    fails(copy, r"formative-data\.toml: parts: is empty")


def test_invalid_toml_names_the_line(copy: Path) -> None:
    (copy / "broken.toml").write_text('id = "x"\ntitle = \n')
    fails(copy, r"broken\.toml: line 2, column \d+: not valid TOML")


def test_a_folder_that_is_not_there_is_named(tmp_path: Path) -> None:
    fails(tmp_path / "nowhere", r"nowhere: is not a folder of micro-credential \.toml files")


def test_one_file_reads_alone() -> None:
    c = load_credential(SHIPPED / "inquiry-cycle.toml")
    assert c.part(1) is c.parts[0] and c.part(6) is None and c.number_of("goal") == 2


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("I moved Maria to group B on Monday.", ["Maria"]),
        ("Students in Grade 4 Math used Desmos. The ELL group improved.", []),
        ("Then Mr Okafor and Jamal's partner compared answers.", ["Okafor", "Jamal"]),
        ("Maria started. she was sure.", []),  # a sentence's first word is not flagged
    ],
)
def test_likely_names_are_capitalised_words_not_at_a_sentence_start_nor_in_the_list(
    said: str, flagged: list[str]
) -> None:
    assert likely_names(said) == flagged
