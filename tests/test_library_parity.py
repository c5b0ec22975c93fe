"""Every shipped language is a complete translation of English's prompt library: the same
files, the same prompt ids with the same stage and equity flag (both ways), the same stages,
protocols (ids, steps, minutes), micro-credentials (ids, parts), check-in and pulse scales,
and texts that are written in the language (not empty, not English's) with the same
placeholders. Broken copies of the Spanish folder show each check failing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import prompts
from bot.library_loader import LibraryError, load_library
from tests.library_parity import differences, placeholders

PROMPTS_DIR = Path(prompts.__file__).parent
EN = PROMPTS_DIR / "en"
TRANSLATED = sorted(
    p.name
    for p in PROMPTS_DIR.iterdir()
    if p.is_dir() and not p.name.startswith(("_", ".")) and p.name != "en"
)


def test_spanish_ships() -> None:
    assert "es" in TRANSLATED


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_shipped_language_is_a_complete_translation_of_english(language: str) -> None:
    assert differences(EN, PROMPTS_DIR / language) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translated_prompts_stay_short_plain_and_calm(language: str) -> None:
    library = load_library(PROMPTS_DIR / language, language)
    prompts_ = [p.text for g in library.prompts.values() for p in g]
    prompts_ += [p.text for p in library.closing_prompts]
    nudges = [n for info in library.stages.values() for n in info.nudges]
    for text in prompts_ + nudges:
        assert len(text) < 300 and "!" not in text and "¡" not in text, text


# --- broken copies -----------------------------------------------------------------------------


@pytest.fixture
def spanish(tmp_path: Path) -> Path:
    target = tmp_path / "es"
    shutil.copytree(PROMPTS_DIR / "es", target, ignore=shutil.ignore_patterns("parts", "*.po"))
    return target


def edit(folder: Path, filename: str, old: str, new: str, pattern: bool = False) -> None:
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=1) if pattern else text.replace(old, new, 1)
    assert changed != text, f"test setup: {old!r} not in {filename}"
    path.write_text(changed, encoding="utf-8")


def test_the_copy_itself_is_complete(spanish: Path) -> None:
    assert differences(EN, spanish) == []


Edit = tuple[str, str, str]  # file, what it says, what a broken copy says instead
STEP_CLOSING = r'\[\[protocol\.step\]\]\nname = "Cierre"\n[^\[]*'

BROKEN: list[tuple[str, list[Edit], list[str]]] = [
    (
        "a prompt id missing, another added",
        [("reflections.toml", 'id = "analyze-6"', 'id = "analyze-8"')],
        ["reflections.analyze-6.stage: missing", "reflections.analyze-8.stage: not in English"],
    ),
    (
        "a prompt moved to another stage",
        [("reflections.toml", '[[goals]]\nid = "goals-6"', '[[learn]]\nid = "learn-9"')],
        ["reflections.goals-6.stage: missing"],
    ),
    (
        "the equity flag on another prompt",
        [
            ("reflections.toml", 'id = "monitor-7"\nequity = true', 'id = "monitor-7"'),
            ("reflections.toml", 'id = "monitor-1"', 'id = "monitor-1"\nequity = true'),
        ],
        [
            "reflections.monitor-1.equity: True, English has False",
            "reflections.monitor-7.equity: False, English has True",
        ],
    ),
    (
        "a protocol step less, other minutes",
        [("protocols.toml", STEP_CLOSING, ""), ("protocols.toml", "minutes = 30", "minutes = 25")],
        [
            "protocols.tuning.step[5].name: missing",
            "protocols.peer-observation.step[1].minutes: 25, English has 30",
        ],
    ),
    (
        "a stage suggesting another protocol",
        [("stages.toml", 'protocol = "success-analysis"', 'protocol = "tuning"')],
        ["stages.monitor.protocol: 'tuning', English has 'success-analysis'"],
    ),
    (
        "a credential part renamed, another word range",
        [
            ("credentials/inquiry-cycle.toml", 'id = "goal"', 'id = "meta"'),
            ("credentials/formative-data.toml", "words = [150, 300]", "words = [100, 300]"),
        ],
        [
            "credentials.inquiry-cycle.parts[1].id: 'meta', English has 'goal'",
            "credentials.formative-data.parts[0].words: (100, 300), English has (150, 300)",
        ],
    ),
    (
        "a default norm left out",
        [("norms.toml", '    "Prepararnos para reflexionar', '    # "')],
        ["norms[4]: missing"],
    ),
    (
        "a placeholder left out, another added",
        [
            (
                "stages.toml",
                "{team} pasa a la etapa “{stage}” en el ciclo {cycle}. Primero",
                "{team} pasa a la etapa “{stage}”. Primero",
            ),
            ("stages.toml", "Ciclo {cycle}: piensa", "{team}, ciclo {cycle}: piensa"),
        ],
        [
            "stages.learn.introduction: placeholders ['stage', 'team'], English has "
            "['cycle', 'stage', 'team']",
            "stages.monitor.nudges[1]: placeholders ['cycle', 'team'], English has ['cycle']",
        ],
    ),
]


@pytest.mark.parametrize(
    ("edits", "expected"), [pytest.param(e, x, id=name) for name, e, x in BROKEN]
)
def test_a_broken_translation_is_named_where_it_differs(
    spanish: Path, edits: list[Edit], expected: list[str]
) -> None:
    for filename, old, new in edits:
        edit(spanish, filename, old, new, pattern=old is STEP_CLOSING)
    found = differences(EN, spanish)
    for line in expected:
        assert line in found, found


def test_a_missing_file_or_credential_is_named(spanish: Path) -> None:
    (spanish / "capitalised_words.txt").unlink()
    (spanish / "credentials" / "tuning-notes.toml").write_text(
        (spanish / "credentials" / "inquiry-cycle.toml").read_text(encoding="utf-8")
    )
    (spanish / "credentials" / "inquiry-cycle.toml").unlink()
    found = differences(EN, spanish)
    assert "capitalised_words.txt: missing" in found
    assert "credentials/inquiry-cycle.toml: missing" in found


def test_a_text_left_in_english_is_named_unless_it_is_a_name(spanish: Path) -> None:
    edit(
        spanish,
        "session.toml",
        "¿Qué idea te llevas de la sesión de hoy?",
        "What is one idea you are taking with you from today?",
    )
    edit(spanish, "protocols.toml", 'name = "Metas SMART"', 'name = "SMART goal setting"')
    found = differences(EN, spanish, same_words=frozenset({"SMART goal setting"}))
    assert found == ["reflections.close-1: the same as English, not translated"]


def test_an_empty_text_is_refused_when_the_folder_is_read(spanish: Path) -> None:
    edit(spanish, "session.toml", 'question = "¿Cómo llegas hoy?"', 'question = "  "')
    with pytest.raises(LibraryError, match=r"checkin\.question: is empty"):
        differences(EN, spanish)


def test_placeholders_are_read_by_name() -> None:
    assert placeholders("{team}, ciclo {cycle} de {team}") == ["cycle", "team", "team"]
