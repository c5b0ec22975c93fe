"""How the prompt library reads one of its files: a TOML source whose every failure is a
`LibraryError` naming the file and key path (bot/toml_reader.py's wording), and whose texts
may use only the placeholders they are given."""

from __future__ import annotations

import string
from importlib.resources.abc import Traversable

from bot.toml_reader import Source, TomlError, Unique, item, loose, read_toml

NO_PLACEHOLDERS: frozenset[str] = frozenset()
_FORMATTER = string.Formatter()


class LibraryError(TomlError):
    """A problem in the prompt data: which file, which key, and what is wrong."""


def _braced(names: frozenset[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))


class LibrarySource(Source):
    """One file of the library: texts may take only the placeholders they are given."""

    def __init__(self, name: str) -> None:
        super().__init__(name, LibraryError)

    def text(self, value: object, key: str, placeholders: frozenset[str] = NO_PLACEHOLDERS) -> str:
        """A non-empty string (trimmed) using only the given placeholders."""
        text = super().text(value, key)
        self._check_placeholders(text, key, placeholders)
        return text

    def texts(
        self,
        value: object,
        key: str,
        what: str,
        placeholders: frozenset[str] = NO_PLACEHOLDERS,
        seen: Unique | None = None,
    ) -> tuple[str, ...]:
        """A non-empty array of distinct texts."""
        unique = seen if seen is not None else Unique(what, loose)
        result: list[str] = []
        for index, entry in enumerate(self.array(value, key, f"{what}s")):
            item_key = item(key, index)
            text = self.text(entry, item_key, placeholders)
            unique.add(self, item_key, text)
            result.append(text)
        return tuple(result)

    def _check_placeholders(self, text: str, key: str, allowed: frozenset[str]) -> None:
        no_braces = "contains '{' or '}', but this text takes no placeholders and no braces"
        try:
            fields = [
                (name, spec, conversion)
                for _, name, spec, conversion in _FORMATTER.parse(text)
                if name is not None
            ]
        except ValueError as exc:
            if not allowed:
                self.fail(key, no_braces)
            self.fail(
                key, f"malformed placeholder ({exc}); write a literal brace as '{{{{' or '}}}}'"
            )
        for name, spec, conversion in fields:
            shown = "{" + name + "}"
            if not allowed:
                self.fail(key, f"unknown placeholder {shown}; this text takes no placeholders")
            if name == "" or name.isdigit():
                self.fail(key, f"placeholder {shown} has no name; use one of {_braced(allowed)}")
            if name not in allowed:
                self.fail(key, f"unknown placeholder {shown} (allowed: {_braced(allowed)})")
            if spec or conversion:
                self.fail(key, f"placeholder has a conversion or format spec; write just {shown}")
        if not allowed and ("{" in text or "}" in text):
            self.fail(key, no_braces)


def read_file(directory: Traversable, filename: str) -> tuple[LibrarySource, dict[str, object]]:
    path = directory.joinpath(filename)
    return LibrarySource(str(path)), read_toml(path, LibraryError)
