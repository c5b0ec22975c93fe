"""The value rules of the config file, shared by the core's sections and each platform's.

Every refusal names the key as `[section] key`, says what is wrong and what to write instead:
`[scheduler] enabled: must be true or false (no quotes), not 'false'`. Unknown keys are refused
with the closest known key suggested. Standard library only."""

from __future__ import annotations

import difflib
import importlib.resources
from collections.abc import Iterable, Mapping
from typing import Any

from bot.rules import zones


class ConfigError(ValueError):
    pass


def _where(section: str, key: str) -> str:
    return f"[{section}] {key}" if key else f"[{section}]"


def closest(word: str, known: Iterable[str]) -> str:
    """` (did you mean x?)`, or a list of the known words when none is close."""
    names = sorted(known)
    near = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if near:
        return f"did you mean {near[0]}?"
    return f"known: {', '.join(names)}" if names else "this table takes no keys"


def table(section: str, value: Any) -> Mapping[str, Any]:
    """A section's table (an absent one is empty)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{_where(section, '')}: must be a table, a line [{section}] above keys")
    return value


def known_keys(section: str, values: Mapping[str, Any], known: Iterable[str]) -> None:
    """Refuse a key the section does not have, suggesting the closest known one."""
    known = set(known)
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"{_where(section, unknown[0])}: unknown key ({closest(unknown[0], known)})"
        )


def whole(
    section: str, key: str, value: Any, lo: int, hi: int, what: str = "a whole number"
) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(
            f"{_where(section, key)}: must be {what} from {lo} to {hi} (no quotes), not {value!r}"
        )
    return value


def positive(section: str, key: str, value: Any, hi: float, hint: str = "") -> float:
    """A number above 0 and at most `hi`, whole or with a point (1 or 0.5)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= hi:
        raise ConfigError(
            f"{_where(section, key)}: must be a number above 0 and at most {hi:g}, like 1.0 "
            f"(no quotes){hint}, not {value!r}"
        )
    return float(value)


def boolean(section: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(
            f"{_where(section, key)}: must be true or false (lower case, no quotes), not {value!r}"
        )
    return value


def text(section: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f'{_where(section, key)}: must be a non-empty string in quotes, like "x", not {value!r}'
        )
    return value


def choice(section: str, key: str, value: Any, choices: Iterable[str]) -> str:
    word = text(section, key, value)
    names = sorted(choices)
    if word not in names:
        raise ConfigError(
            f"{_where(section, key)}: must be one of {', '.join(names)}, not {word!r}"
        )
    return word


def zone(section: str, key: str, value: Any) -> str:
    """A time zone, by the one zone rule (bot/rules/zones.py) and in its words."""
    name = text(section, key, value)
    try:
        return zones.zone(name)
    except zones.UnknownZone as e:
        raise ConfigError(f"{_where(section, key)}: {e}") from None


def shipped_languages() -> tuple[str, ...]:
    """The languages whose prompt library ships: the folders of the `prompts` package that hold
    TOML (a folder with only a UI catalog is no library, as bot.library_loader reads them)."""
    base = importlib.resources.files("prompts")
    return tuple(
        sorted(
            c.name
            for c in base.iterdir()
            if c.is_dir()
            and not c.name.startswith(("_", "."))
            and any(e.name.endswith(".toml") for e in c.iterdir())
        )
    )
