"""The one TOML reader: the prompt library, the config file and its declared communities read
and check their TOML through it, so a mistake is reported in one wording wherever it is:

    <file>: line <n>, column <c>: not valid TOML: <what the parser says>
    <file>: <key path>: <what is wrong>

The key path is written the TOML way with array positions counted from 0 (`analyze.nudges[3]`,
`community[0].team[1].timezone`). A reader without a file (settings already parsed) leaves
the file out; whoever knows it puts it in front (`TomlError.in_file`). Standard library only.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, NoReturn

_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
_AT_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


class TomlError(ValueError):
    """A problem in a TOML file: which file, where (line or key path), and what is wrong."""

    def __init__(self, file: str, key: str, problem: str, line: str = "") -> None:
        super().__init__(file, key, problem, line)
        self.file, self.key, self.problem, self.line = file, key, problem, line

    def in_file(self, file: str) -> TomlError:
        """The same error, said of `file` (for readers that were handed parsed data)."""
        return type(self)(file, self.key, self.problem, self.line)

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.line, self.key, self.problem) if part)


def parse_toml(text: str, file: str, error: type[TomlError] = TomlError) -> dict[str, Any]:
    """`text` as TOML, or `error` naming the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        at = _AT_RE.search(detail)
        line = f"line {at.group(1)}, column {at.group(2)}" if at else ""
        raise error(file, "", f"not valid TOML: {_AT_RE.sub('', detail)}", line) from None


def read_toml(path: Path | Traversable, error: type[TomlError] = TomlError) -> dict[str, Any]:
    """The file at `path`, read as UTF-8 TOML, or `error` saying why not."""
    file = str(path)
    if not path.is_file():
        raise error(file, "", "file is missing")
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise error(file, "", f"cannot be read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise error(file, "", f"is not valid UTF-8: {exc}") from None
    return parse_toml(text, file, error)


def join(parent: str, key: str) -> str:
    """The key path of `key` inside `parent`, TOML style: `analyze.nudges`."""
    shown = key if _BARE_KEY_RE.fullmatch(key) else f'"{key}"'
    return f"{parent}.{shown}" if parent else shown


def item(parent: str, index: int) -> str:
    return f"{parent}[{index}]"


def short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def describe(value: object) -> str:
    """What a TOML value is, for error messages: `an integer (3)`, `a table`."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a float ({value})"
    if isinstance(value, str):
        return f"a string ({short(value)})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__} ({value})"


def loose(text: str) -> str:
    """Texts that differ only in case or spacing count as the same text."""
    return " ".join(text.casefold().split())


def exact(text: str) -> str:
    return text


class Source:
    """One file (or parsed document) being read; every check fails with its name and the key
    path, as `error` (TomlError or a subclass)."""

    def __init__(self, name: str, error: type[TomlError] = TomlError) -> None:
        self.name = name
        self._error = error

    def fail(self, key: str, problem: str) -> NoReturn:
        raise self._error(self.name, key, problem)

    def table(
        self, value: object, key: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {describe(value)}")
        required_keys = tuple(required)
        allowed = (*required_keys, *optional)
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.fail(
                    join(key, name), f"unknown key {name!r}{hint} (expected: {', '.join(allowed)})"
                )
        for name in required_keys:
            if name not in value:
                self.fail(join(key, name), f"missing key {name!r}")
        return value

    def array(self, value: object, key: str, what: str, *, empty: bool = False) -> list[Any]:
        if not isinstance(value, list):
            self.fail(key, f"expected an array of {what}, got {describe(value)}")
        if not value and not empty:
            self.fail(key, f"is empty; expected at least one of the {what}")
        return value

    def tables(self, value: object, key: str, what: str) -> list[tuple[str, Any]]:
        """An array of tables (maybe empty), each with its key path."""
        return [
            (item(key, n), entry)
            for n, entry in enumerate(self.array(value, key, what, empty=True))
        ]

    def integer(self, value: object, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"expected an integer, got {describe(value)}")
        return value

    def boolean(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {describe(value)}")
        return value

    def text(self, value: object, key: str) -> str:
        """A non-empty string, trimmed."""
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {describe(value)}")
        text = value.strip()
        if not text:
            self.fail(key, "is empty; expected some text")
        return text

    def day(self, value: object, key: str) -> date:
        """A date: a TOML date, or a string written like one."""
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date) or isinstance(value, datetime):
            self.fail(key, f"expected a date like 2026-12-21, got {describe(value)}")
        return value


class Unique:
    """Values already seen (ids, or texts compared loosely), and where they were."""

    def __init__(self, what: str, normalize: Callable[[str], str] = exact) -> None:
        self._what = what
        self._normalize = normalize
        self._seen: dict[str, tuple[str, str]] = {}

    def add(self, source: Source, key: str, value: str) -> None:
        normalized = self._normalize(value)
        first = self._seen.get(normalized)
        if first is not None:
            file, first_key = first
            where = first_key if file == source.name else f"{first_key} in {file}"
            source.fail(key, f"duplicate {self._what} {short(value)} (first at {where})")
        self._seen[normalized] = (source.name, key)
