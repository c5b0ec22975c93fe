"""`python tools/i18n.py init <lang>` starts a new language's catalog, so adding a language
needs no code: every string of the template, untranslated, with the language's plural rule;
an existing catalog is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from tools.i18n import init


@pytest.fixture
def prompts_dir(tmp_path: Path) -> Path:
    template = Catalog(project="plcbot", domain="plcbot")
    template.add("Checked in.", locations=[("bot/usecases/checkin.py", 1)])
    template.add(("{n} reflection", "{n} reflections"), locations=[("bot/report.py", 2)])
    with (tmp_path / "plcbot.pot").open("wb") as handle:
        write_po(handle, template)
    return tmp_path


def test_init_writes_the_new_language_s_catalog_with_every_string_to_translate(
    prompts_dir: Path,
) -> None:
    path = init("fr", prompts_dir)
    assert path == prompts_dir / "fr" / "plcbot.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    assert str(catalog.locale) == "fr"
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} == {
        "Checked in.",
        "{n} reflection",
    }
    assert all(not m.string or m.string == ("", "") for m in catalog if m.id)
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in path.read_text(encoding="utf-8")


def test_a_language_with_three_plural_forms_gets_its_rule(prompts_dir: Path) -> None:
    with init("pl", prompts_dir).open("rb") as handle:
        assert read_po(handle).num_plurals == 3


def test_init_never_overwrites_a_catalog_and_refuses_a_made_up_code(prompts_dir: Path) -> None:
    existing = prompts_dir / "es" / "plcbot.po"
    existing.parent.mkdir()
    existing.write_text("# translated already\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="exists already"):
        init("es", prompts_dir)
    assert existing.read_text(encoding="utf-8") == "# translated already\n"
    with pytest.raises(SystemExit, match="not a language code"):
        init("klingon-xx", prompts_dir)
    assert not (prompts_dir / "klingon-xx").exists()
