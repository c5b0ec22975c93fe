"""The message catalogs: extract the English strings, update and compile each language.

    python tools/i18n.py init fr          # a new language: prompts/fr/plcbot.po, to translate
    python tools/i18n.py extract          # the code's strings → prompts/plcbot.pot
    python tools/i18n.py update           # every prompts/<lang>/plcbot.po gains new strings
    python tools/i18n.py compile          # every plcbot.po → plcbot.mo (shipped, committed)
    python tools/i18n.py merge-parts es   # prompts/es/parts/*.po → prompts/es/plcbot.po
    python tools/i18n.py all              # extract, update, compile (`make i18n`)

Strings are found by the keywords `_`, `ngettext`, `pgettext` and `N_` in bot/, adapters/ and
plcbot/, and by Jinja2's `{% trans %}` and `_()` in the panel's templates.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PROMPTS = ROOT / "prompts"
TEMPLATE = PROMPTS / "plcbot.pot"
SOURCES = ("bot", "adapters", "plcbot")
KEYWORDS = {
    "_": None,
    "N_": None,
    "_said": None,  # bot/messages.py: a form's default labels, said when it is made
    "gettext": None,  # what a template's {% trans %} block calls
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
METHODS = [
    ("**/templates/**.html", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
FIXED_DATE = datetime(2026, 1, 1)  # noqa: DTZ001 - keeps the header still between runs


def extracted() -> Catalog:
    """Every string the code says, from the sources as they are now."""
    catalog = Catalog(project="plcbot", domain="plcbot", creation_date=FIXED_DATE)
    for source in SOURCES:
        found = extract_from_dir(
            ROOT / source, METHODS, keywords=KEYWORDS, options_map=OPTIONS, strip_comment_tags=True
        )
        for filename, lineno, message, comments, context in found:
            catalog.add(
                message,
                None,
                [(f"{source}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain="plcbot")


def language_folders() -> list[Path]:
    return sorted(p for p in PROMPTS.iterdir() if p.is_dir() and (p / "plcbot.po").exists())


def extract() -> None:
    _write(extracted(), TEMPLATE)


def update() -> None:
    template = _read(TEMPLATE)
    for folder in language_folders():
        catalog = _read(folder / "plcbot.po", folder.name)
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _write(catalog, folder / "plcbot.po")


def init(language: str, prompts: Path = PROMPTS) -> Path:
    """Start a new language's catalog, `prompts/<language>/plcbot.po`: every string of the
    template (extracted now if there is none yet), untranslated, with the language's plural
    rule in the header. `update` keeps it current from then on; an existing catalog is kept."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise SystemExit(f"{language!r} is not a language code such as 'fr' or 'pt-BR'") from None
    target = prompts / language / "plcbot.po"
    if target.exists():
        raise SystemExit(f"{target} exists already; `update` adds new strings to it")
    template_path = prompts / TEMPLATE.name
    template = _read(template_path) if template_path.exists() else extracted()
    catalog = Catalog(
        locale=locale,
        domain="plcbot",
        project="plcbot",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    catalog.update(template, no_fuzzy_matching=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(catalog, target)
    return target


def compile_all() -> None:
    for folder in language_folders():
        catalog = _read(folder / "plcbot.po", folder.name)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        (folder / "plcbot.mo").write_bytes(buffer.getvalue())


def merge_parts(language: str) -> None:
    """Fold the parts engineers translated side by side into the one catalog (first wins)."""
    folder = PROMPTS / language
    target = folder / "plcbot.po"
    merged = (
        _read(target, language)
        if target.exists()
        else Catalog(
            locale=language,
            domain="plcbot",
            project="plcbot",
            fuzzy=False,
            creation_date=FIXED_DATE,
        )
    )
    for part in sorted((folder / "parts").glob("*.po")):
        for message in _read(part, language):
            if not message.id or not message.string:
                continue
            if message.id in merged and merged[message.id].string:
                continue
            merged[message.id] = message
    _write(merged, target)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command = argv[0]
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "init" and len(argv) == 2:
        print(f"wrote {init(argv[1])}: translate it, then `make i18n` compiles it")
    elif command == "merge-parts" and len(argv) == 2:
        merge_parts(argv[1])
    elif command == "all":
        extract()
        update()
        compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
