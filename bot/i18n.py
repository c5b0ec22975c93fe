"""The words plcbot says, in the language of whoever reads them.

Every reply, card, button label, error and help text is written in English in the code and
passes through `_` (or `ngettext` for a count) when it is said; a language's catalog
(`prompts/<lang>/plcbot.mo`, compiled from `plcbot.po` beside it) gives the translation. The
language is the reader's, set once around the work that speaks to them:

    with speaking("es"):
        reply = _("Checked in.")

A text that must exist before anyone reads it (a module constant, a table's help text) is
marked with `N_` so the extractor finds it, and passed through `_` when it is said.

Placeholders are `{name}`, filled after translation: `_("Welcome, {name}.").format(name=…)`,
or `fill(...)` when a value is a styled part (a mention, a bold name, a code span), so a
translator can move it anywhere in the sentence.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from contextvars import ContextVar, Token
from functools import cache
from importlib import resources

from bot.messages import Inline, Plain

DOMAIN = "plcbot"
SOURCE = "en"  # the language the code is written in: it needs no catalog

_current: ContextVar[str] = ContextVar("plcbot_language", default=SOURCE)
_registered: dict[str, gettext.NullTranslations] = {}
_spoken: list[tuple[str, ...]] = []  # languages(), once worked out
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def normalise(locale: str | None) -> str | None:
    """A platform's locale as a language plcbot speaks: `es-419`, `es-ES`, `es_MX` → `es`;
    `en-US` → `en`; a language without a catalog → None (the next choice decides)."""
    if not locale:
        return None
    base = locale.replace("_", "-").split("-", 1)[0].strip().lower()
    return base if base in languages() else None


@cache
def _shipped() -> tuple[str, ...]:
    """The languages with a compiled catalog in the installed `prompts` package."""
    found = [SOURCE]
    for child in resources.files("prompts").iterdir():
        if child.is_dir() and child.joinpath(f"{DOMAIN}.mo").is_file() and child.name != SOURCE:
            found.append(child.name)
    return tuple(sorted(found))


def languages() -> tuple[str, ...]:
    """Every language plcbot can speak: English, each shipped catalog, any registered one."""
    if not _spoken:  # worked out once, again after a register or unregister (asked per request)
        _spoken.append(tuple(sorted({*_shipped(), *_registered})))
    return _spoken[0]


@cache
def _load(language: str) -> gettext.NullTranslations:
    if language == SOURCE:
        return gettext.NullTranslations()
    path = resources.files("prompts").joinpath(language, f"{DOMAIN}.mo")
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def catalog(language: str) -> gettext.NullTranslations:
    """The translations for `language` (English, the source, has none to apply)."""
    return _registered.get(language) or _load(language)


def register(language: str, translations: gettext.NullTranslations) -> None:
    """Add a language at run time (the tests' pseudo-language that marks every string)."""
    _registered[language] = translations
    _spoken.clear()


def unregister(language: str) -> None:
    _registered.pop(language, None)
    _spoken.clear()


def current() -> str:
    """The language being spoken now."""
    return _current.get()


class speaking:
    """Say everything inside in `language` (None or an unknown one: English). A class, not a
    generator context manager: every request enters it twice, and this costs fewer calls."""

    __slots__ = ("_chosen", "_token")

    def __init__(self, language: str | None) -> None:
        self._chosen = language if language and language in languages() else SOURCE
        self._token: Token[str] | None = None

    def __enter__(self) -> None:
        self._token = _current.set(self._chosen)

    def __exit__(self, *_exc: object) -> None:
        if self._token is not None:
            _current.reset(self._token)
            self._token = None


def _(message: str) -> str:
    """`message` in the current language."""
    return catalog(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (Spanish and English have two; others more)."""
    return catalog(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs two translations (a button vs a state)."""
    return catalog(_current.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet (said later through `_`)."""
    return message


Part = Inline | str
Value = Part | Sequence[Part]


def fill(template: str, **values: Value) -> tuple[Part, ...]:
    """A translated sentence with values in its placeholders, as parts for `text`, `para`
    or `Refusal`: the template's own words stay bare strings (trusted core text, where
    backticks mark a command), a str value becomes Plain (a person's words are never markup),
    a styled part (Bold, Code, Mention) or a sequence of parts goes in as it is.

    `text(*fill(_("{name} checked in with {word}."), name=Mention(uid), word=the_word))`
    """
    parts: list[Part] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(template[position : match.start()])
        value = values[match.group(1)]
        items: Sequence[Part] = (
            [value] if isinstance(value, str) or not isinstance(value, Sequence) else value
        )
        parts.extend(Plain(v) if isinstance(v, str) else v for v in items)
        position = match.end()
    if position < len(template):
        parts.append(template[position:])
    return tuple(parts)
