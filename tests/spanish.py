"""Spanish as it ships, for tests that need a string said in Spanish: the compiled catalog
`prompts/es/plcbot.mo`. `spanish()` makes sure nothing registered in a test stands in for it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.i18n import _, languages, ngettext, speaking, unregister


@contextmanager
def spanish(*_parts: str) -> Iterator[None]:
    """Spanish spoken from the shipped catalog while inside (the names once picked the parts
    engineers translated side by side, before the catalog was assembled; kept for the call)."""
    unregister("es")
    assert "es" in languages(), "prompts/es/plcbot.mo is missing: run `make i18n`"
    yield


def es_(msgid: str, **values: object) -> str:
    """`msgid` as the shipped Spanish catalog says it, filled: what a test expects to read."""
    with speaking("es"):
        return _(msgid).format(**values)


def checked_in(n: int) -> str:
    """The session card's count of check-ins, in Spanish."""
    with speaking("es"):
        return ngettext("{n} person has checked in.", "{n} people have checked in.", n).format(n=n)
