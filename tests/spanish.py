"""Spanish from this branch's own catalog part, for tests: the lead assembles
`prompts/es/plcbot.mo` from every engineer's part later, so a test that needs a string said in
Spanish compiles the parts it names (`prompts/es/parts/<name>.po`) and registers them as `es`."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n import register, unregister

PARTS = Path(__file__).resolve().parent.parent / "prompts" / "es" / "parts"


def part_translations(*names: str) -> gettext.GNUTranslations:
    merged = Catalog(locale="es", domain="plcbot")
    for name in names:
        with (PARTS / f"{name}.po").open("rb") as handle:
            part = read_po(handle, locale="es")
        for message in part:
            if message.id:
                merged[message.id] = message
    merged.mime_headers = part.mime_headers
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@contextmanager
def spanish(*names: str) -> Iterator[None]:
    """Spanish spoken from these parts while inside (any shipped catalog set aside)."""
    register("es", part_translations(*names))
    try:
        yield
    finally:
        unregister("es")
