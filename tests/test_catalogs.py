"""The message catalogs are complete: every string the code says is in the template, every
language translates every one (no empty, no fuzzy), keeps the same `{placeholders}`, and ships
compiled as it reads. A string added to the code without `make i18n` fails here."""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = ROOT / "prompts"
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("plcbot_i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _ids(catalog: Catalog) -> set[tuple[object, str | None]]:
    return {(m.id, m.context) for m in catalog if m.id}


LANGUAGES = sorted(p.name for p in PROMPTS.iterdir() if (p / "plcbot.po").exists())


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return _tool().extracted()  # type: ignore[attr-defined, no-any-return]


def test_spanish_ships() -> None:
    assert "es" in LANGUAGES


def test_the_template_holds_every_string_the_code_says(extracted: Catalog) -> None:
    template = _read(PROMPTS / "plcbot.pot")
    missing = _ids(extracted) - _ids(template)
    stale = _ids(template) - _ids(extracted)
    assert not missing, f"run `make i18n` and translate: {sorted(map(str, missing))[:10]}"
    assert not stale, f"run `make i18n`: no longer said: {sorted(map(str, stale))[:10]}"


def _forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def _sources(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def _names(text: str) -> set[str]:
    return {m.group(1) for m in PLACEHOLDER.finditer(text)}


def _problems(catalog: Catalog) -> list[str]:
    """What a translator still has to do: fuzzy entries, empty forms, placeholders that differ."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        forms = _forms(message)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(forms):
            problems.append(f"untranslated: {message.id!r}")
            continue
        # a plural's forms may leave out the count, as the English singular may ("1 session"
        # said as "the last session"), but no form may lose another value or invent one
        said = [_names(s) for s in _sources(message)]
        wanted, needed = set().union(*said), set.intersection(*said)
        for form in forms:
            if not needed <= _names(form) <= wanted:
                problems.append(f"placeholders {sorted(_names(form))} ≠ {sorted(wanted)}: {form!r}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_not_fuzzy_with_the_same_placeholders(
    language: str, extracted: Catalog
) -> None:
    catalog = _read(PROMPTS / language / "plcbot.po", language)
    assert not (_ids(extracted) - _ids(catalog)), "run `make i18n` and translate the new strings"
    problems = _problems(catalog)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_says_what_the_po_file_says(language: str) -> None:
    catalog = _read(PROMPTS / language / "plcbot.po", language)
    with (PROMPTS / language / "plcbot.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            got = [compiled.ngettext(message.id[0], message.id[1], n) for n in (1, 2)]
            want = [message.string[0], message.string[1]]
        elif message.context:
            got, want = [compiled.pgettext(message.context, message.id)], [message.string]
        else:
            got, want = [compiled.gettext(message.id)], [message.string]
        if got != want:
            stale.append(message.id)
    assert not stale, f"run `make i18n` to compile: {stale[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plural_rule_is_the_languages_own(language: str) -> None:
    catalog = _read(PROMPTS / language / "plcbot.po", language)
    assert catalog.plural_expr.replace(" ", "") in {"(n!=1)", "n!=1"}, catalog.plural_expr


def test_the_checks_notice_a_lost_placeholder_an_empty_and_a_fuzzy_translation() -> None:
    broken = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Welcome, {name}."\nmsgstr "Bienvenida."\n\n'
        'msgid "Checked in."\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Saved."\nmsgstr "Guardado."\n\n'
        'msgid "{n} reflection"\nmsgid_plural "{n} reflections"\n'
        'msgstr[0] "{n} reflexión"\nmsgstr[1] "reflexiones"\n'
    )
    found = _problems(read_po(io.StringIO(broken), locale="es"))
    assert any("Bienvenida" in p for p in found)
    assert "untranslated: 'Checked in.'" in found
    assert "fuzzy: 'Saved.'" in found
    assert any("'reflexiones'" in p for p in found)
