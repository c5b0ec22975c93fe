"""`plcbot demo --language es` (`make demo LANG=es`) plays the whole walk-through with the
community's default language, and so the demo team, in Spanish: the people type Spanish and
the prompt library's texts are the Spanish ones. The English demo is unchanged
(tests/console/test_console_e2e.py). `plcbot console --language es` founds teams in Spanish."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import prompts
from adapters.console.demo import walkthrough
from bot.domain import CycleStage
from bot.library import PromptLibrary
from bot.library_loader import load_library
from tests.console.test_console_e2e import run_cli

ROOT = Path(__file__).resolve().parents[2]
SPANISH = load_library(Path(prompts.__file__).parent / "es", "es")
ENGLISH = load_library(Path(prompts.__file__).parent / "en", "en")


def library_texts(library: PromptLibrary) -> list[str]:
    """Every text of a prompt library that a demo could show (introductions and nudges as
    they are before their placeholders are filled: the part up to the first one)."""
    texts = [p.text for group in library.prompts.values() for p in group]
    texts += [p.text for p in library.closing_prompts] + list(library.default_norms)
    texts += [library.checkin.question, library.checkin.word_hint]
    texts += [library.pulse.relevant_question, library.pulse.recommend_question]
    texts += [p.label for p in (*library.checkin.scale, *library.pulse.relevant_scale)]
    for info in library.stages.values():
        texts += [info.name, info.purpose]
        texts += [t.split("{")[0] for t in (info.introduction, *info.nudges) if t.split("{")[0]]
    for protocol in library.protocols.values():
        texts += [protocol.name, *(f"{s.name}: {s.prompt}" for s in protocol.steps)]
    return [t for t in texts if len(t) > 12]


def test_the_spanish_demo_plays_to_the_end_with_the_spanish_library(tmp_path: Path) -> None:
    done = run_cli(["demo", "--language", "es"], tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    goals = SPANISH.stage(CycleStage.GOALS)
    for expected in [
        '/plc team create "Matemáticas de 4.º"',
        SPANISH.stage(CycleStage.ANALYZE).name,
        goals.protocol.name,
        SPANISH.default_norms[0],
        SPANISH.checkin.question,
        f"(@jon pulsa «{SPANISH.checkin.scale[1].label}»)",  # the console speaks Spanish too
        "Noto y me pregunto",  # the protocol started by its id, in Spanish
        SPANISH.closing_prompts[0].text,
        f"(@maria pulsa «{SPANISH.pulse.relevant_scale[4].label}»)",
        goals.nudges[0].format(team="Matemáticas de 4.º", stage=goals.name, cycle=1),
        "Todos los grupos responden el mismo boleto de salida los viernes",
        "micro-credential-formative-data.zip",
        "Terminó el recorrido.",
    ]:
        assert expected in out, expected
    left_in_english = [t for t in library_texts(ENGLISH) if t in out]
    assert left_in_english == []  # no text of the English library anywhere in the demo
    for trouble in (
        "No entendí",
        "no hay ese botón",
        "no es una de las opciones",
        "I didn't understand",
        "no such button",
    ):
        assert trouble not in out, trouble
    assert out.count(" pulsa «") == 5  # every scripted click found its button


def test_a_language_without_a_script_of_its_own_plays_the_english_one() -> None:
    today = date(2026, 11, 26)
    assert walkthrough(today, "fr") == walkthrough(today) == walkthrough(today, "en")
    assert walkthrough(today, "es") != walkthrough(today)


def test_the_console_founds_teams_in_the_language_it_is_given(tmp_path: Path) -> None:
    done = run_cli(["console", "--language", "es"], tmp_path, "/plc team create Ciencias\n")
    assert done.returncode == 0, done.stderr
    assert SPANISH.stage(CycleStage.ANALYZE).introduction.split("{team}")[0] in done.stdout
    assert SPANISH.stage(CycleStage.ANALYZE).purpose in done.stdout


def test_an_unknown_language_is_refused_with_the_ones_there_are(tmp_path: Path) -> None:
    done = run_cli(["demo", "--language", "xx"], tmp_path)
    assert done.returncode == 2 and "invalid choice: 'xx'" in done.stderr
    assert "{en,es}" in done.stderr


def make_demo(*args: str, env_lang: str) -> str:
    return subprocess.run(
        ["make", "-n", "demo", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": env_lang},
    ).stdout


def test_make_demo_passes_only_a_lang_given_on_its_command_line() -> None:
    assert "plcbot demo --language es" in make_demo("LANG=es", env_lang="en_US.UTF-8")
    planned = make_demo(env_lang="es_MX.UTF-8")  # the shell's locale is not a choice
    assert "plcbot demo" in planned and "--language" not in planned
