"""The micro-credential catalog and the capitalised-word list in the reader's language: the
shipped credentials are read from `prompts/<lang>/credentials` (English's when a language has
none), and the evidence check knows the language's own capitalised words."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest

import prompts
from bot.credential_catalog import load_catalog, shipped_catalog
from bot.credential_names import likely_names
from bot.i18n import languages, register, speaking, unregister
from bot.toml_reader import read_toml

PROMPTS_DIR = Path(prompts.__file__).parent


def title_in(language: str, credential_id: str) -> str:
    data = read_toml(PROMPTS_DIR / language / "credentials" / f"{credential_id}.toml")
    return str(data["title"])


@pytest.fixture
def spanish_spoken() -> Iterator[str]:
    """Spanish can be spoken (its UI catalog may not be compiled in this checkout)."""
    added = "es" not in languages()
    if added:
        register("es", gettext.NullTranslations())
    yield "es"
    if added:
        unregister("es")


def test_the_spanish_catalog_has_the_same_credentials_in_spanish() -> None:
    english, spanish = load_catalog(), load_catalog(language="es")
    assert spanish.ids == english.ids
    for en, es in zip(english.credentials, spanish.credentials, strict=True):
        assert [p.id for p in es.parts] == [p.id for p in en.parts]
        assert es.title == title_in("es", es.id) != en.title


def test_a_language_without_credentials_reads_english_ones() -> None:
    assert load_catalog(language="fr").credentials == load_catalog().credentials


def test_the_shipped_catalog_is_the_one_of_the_language_being_spoken(spanish_spoken: str) -> None:
    assert shipped_catalog().get("formative-data").title == title_in("en", "formative-data")
    with speaking(spanish_spoken):
        found = shipped_catalog().get("formative-data")
    assert found is not None and found.title == title_in("es", "formative-data")
    assert shipped_catalog("es") is shipped_catalog("es")  # read once


def test_the_spanish_texts_name_no_one() -> None:
    for c in load_catalog(language="es").credentials:
        for said in (c.competency, c.key_method, c.guidance, *(p.guidance for p in c.parts)):
            assert likely_names(said, language="es") == [], said


def test_spanish_school_words_are_not_names_but_a_name_still_is(spanish_spoken: str) -> None:
    said = "Hoy en Matemáticas, Martina usó Google Classroom con la Unidad 3 en Kínder."
    assert likely_names(said, language="es") == ["Martina"]
    with speaking(spanish_spoken):
        assert likely_names(said) == ["Martina"]
    assert likely_names(said, language="en") == ["Matemáticas", "Martina", "Unidad", "Kínder"]
