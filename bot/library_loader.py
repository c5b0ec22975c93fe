"""Load the prompt library from `prompts/<lang>/*.toml`, checking every file thoroughly.

A language folder holds four files:

- `stages.toml`: one table per stage (`analyze`, `goals`, `learn`, `implement`, `monitor`) with
  `name`, `purpose`, `introduction`, `protocol_name`, `protocol_steps` and `nudges`;
- `reflections.toml`: one array of tables per stage, each prompt with `id`, `text` and an
  optional `equity` flag (exactly one equity prompt per stage, at least six prompts);
- `session.toml`: `[[closing]]` prompts, the `[checkin]` question, word hint and 1..5 scale, and
  the `[pulse]` questions with their 1..5 agreement scale;
- `norms.toml`: `norms`, the default working norms in order.

Any problem in the data raises `LibraryError`, whose message names the file, the key path (such
as `analyze[2].id` or `checkin.scale[4].value`) and what is wrong, so whoever edits or
translates the prompts can fix it without reading this code. Standard library only.
"""

from __future__ import annotations

import difflib
import importlib.resources
import re
import string
import tomllib
from collections.abc import Callable, Iterable
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

from bot.domain import CycleStage
from bot.library import (
    INTRO_PLACEHOLDERS,
    NUDGE_PLACEHOLDERS,
    CheckInText,
    Libraries,
    PromptLibrary,
    PulseText,
    ReflectionPrompt,
    ScalePoint,
    StageInfo,
)

__all__ = [
    "FILES",
    "MIN_PROMPTS_PER_STAGE",
    "NORMS_FILE",
    "REFLECTIONS_FILE",
    "SCALE_VALUES",
    "SESSION_FILE",
    "STAGES_FILE",
    "LibraryError",
    "load_libraries",
    "load_library",
]

STAGES_FILE = "stages.toml"
REFLECTIONS_FILE = "reflections.toml"
SESSION_FILE = "session.toml"
NORMS_FILE = "norms.toml"
FILES = (STAGES_FILE, REFLECTIONS_FILE, SESSION_FILE, NORMS_FILE)

MIN_PROMPTS_PER_STAGE = 6
SCALE_VALUES = (1, 2, 3, 4, 5)
CLOSING_PREFIX = "close-"

_NO_PLACEHOLDERS: frozenset[str] = frozenset()
_STAGE_IDS = tuple(stage.value for stage in CycleStage)
_STAGE_KEYS = ("name", "purpose", "introduction", "protocol_name", "protocol_steps", "nudges")
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
_FORMATTER = string.Formatter()


class LibraryError(ValueError):
    """A problem in the prompt data: which file, which key, and what is wrong."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(file, key, problem)
        self.file = file
        self.key = key
        self.problem = problem

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.problem}"


# --- small helpers ---------------------------------------------------------------------------


def _join(parent: str, key: str) -> str:
    """The key path of `key` inside `parent`, TOML style: `analyze.nudges`."""
    shown = key if _BARE_KEY_RE.fullmatch(key) else f'"{key}"'
    return f"{parent}.{shown}" if parent else shown


def _item(parent: str, index: int) -> str:
    return f"{parent}[{index}]"


def _describe(value: object) -> str:
    """What a TOML value is, for error messages: `an integer (3)`, `a table`."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a float ({value})"
    if isinstance(value, str):
        return f"a string ({_short(value)})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__} ({value})"


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _loose(text: str) -> str:
    """Texts that differ only in case or spacing count as the same text."""
    return " ".join(text.casefold().split())


def _exact(text: str) -> str:
    return text


def _braced(names: Iterable[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))


class _Unique:
    """Values already seen (prompt ids, or texts compared loosely), and where they were."""

    def __init__(self, what: str, normalize: Callable[[str], str] = _exact) -> None:
        self._what = what
        self._normalize = normalize
        self._seen: dict[str, tuple[str, str]] = {}

    def add(self, source: _Source, key: str, value: str) -> None:
        normalized = self._normalize(value)
        first = self._seen.get(normalized)
        if first is not None:
            file, first_key = first
            where = first_key if file == source.name else f"{first_key} in {file}"
            source.fail(key, f"duplicate {self._what} {_short(value)} (first at {where})")
        self._seen[normalized] = (source.name, key)


class _Source:
    """One file being read. Every check fails with the file's name and the key path."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, key: str, problem: str) -> NoReturn:
        raise LibraryError(self.name, key, problem)

    def table(
        self,
        value: object,
        key: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, object]:
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {_describe(value)}")
        required_keys = tuple(required)
        allowed = (*required_keys, *optional)
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = (
                    f"; did you mean {close[0]!r}?"
                    if close
                    else f" (expected: {', '.join(allowed)})"
                )
                self.fail(_join(key, name), f"unknown key {name!r}{hint}")
        for name in required_keys:
            if name not in value:
                self.fail(_join(key, name), f"missing key {name!r}")
        return value

    def array(self, value: object, key: str, what: str) -> list[object]:
        if not isinstance(value, list):
            self.fail(key, f"expected an array of {what}, got {_describe(value)}")
        if not value:
            self.fail(key, f"is empty; expected at least one of the {what}")
        return value

    def integer(self, value: object, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"expected an integer, got {_describe(value)}")
        return value

    def boolean(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_describe(value)}")
        return value

    def text(self, value: object, key: str, placeholders: frozenset[str] = _NO_PLACEHOLDERS) -> str:
        """A non-empty string (trimmed) using only the given placeholders."""
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_describe(value)}")
        text = value.strip()
        if not text:
            self.fail(key, "is empty; expected some text")
        self._check_placeholders(text, key, placeholders)
        return text

    def texts(
        self,
        value: object,
        key: str,
        what: str,
        placeholders: frozenset[str] = _NO_PLACEHOLDERS,
        seen: _Unique | None = None,
    ) -> tuple[str, ...]:
        """A non-empty array of distinct texts."""
        unique = seen if seen is not None else _Unique(what, _loose)
        result: list[str] = []
        for index, item in enumerate(self.array(value, key, f"{what}s")):
            item_key = _item(key, index)
            text = self.text(item, item_key, placeholders)
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


# --- the four files ----------------------------------------------------------------------------


def _read(directory: Traversable, filename: str) -> tuple[_Source, dict[str, object]]:
    path = directory.joinpath(filename)
    source = _Source(str(path))
    if not path.is_file():
        source.fail("", "file is missing")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        source.fail("", f"cannot be read: {exc}")
    except UnicodeDecodeError as exc:
        source.fail("", f"is not valid UTF-8: {exc}")
    except tomllib.TOMLDecodeError as exc:
        source.fail("", f"is not valid TOML: {exc}")
    return source, data


def _load_stages(source: _Source, data: dict[str, object]) -> dict[CycleStage, StageInfo]:
    top = source.table(data, "", required=_STAGE_IDS)
    names = _Unique("stage name", _loose)
    nudges = _Unique("nudge", _loose)
    stages: dict[CycleStage, StageInfo] = {}
    for stage in CycleStage:
        key = stage.value
        table = source.table(top[key], key, required=_STAGE_KEYS)
        name = source.text(table["name"], _join(key, "name"))
        names.add(source, _join(key, "name"), name)
        stages[stage] = StageInfo(
            stage=stage,
            name=name,
            purpose=source.text(table["purpose"], _join(key, "purpose")),
            introduction=source.text(
                table["introduction"], _join(key, "introduction"), INTRO_PLACEHOLDERS
            ),
            protocol_name=source.text(table["protocol_name"], _join(key, "protocol_name")),
            protocol_steps=source.texts(
                table["protocol_steps"], _join(key, "protocol_steps"), "protocol step"
            ),
            nudges=source.texts(
                table["nudges"], _join(key, "nudges"), "nudge", NUDGE_PLACEHOLDERS, nudges
            ),
        )
    return stages


def _prompt(
    source: _Source,
    value: object,
    key: str,
    stage: CycleStage | None,
    ids: _Unique,
    texts: _Unique,
) -> ReflectionPrompt:
    table = source.table(value, key, required=("id", "text"), optional=("equity",))
    id_key = _join(key, "id")
    raw_id = table["id"]
    if not isinstance(raw_id, str):
        source.fail(id_key, f"expected a string, got {_describe(raw_id)}")
    prefix = f"{stage.value}-" if stage is not None else CLOSING_PREFIX
    example = f"{prefix}1"
    if not _ID_RE.fullmatch(raw_id):
        source.fail(
            id_key,
            f"prompt id {raw_id!r} must be lowercase letters, digits and hyphens, like {example!r}",
        )
    if not raw_id.startswith(prefix) or raw_id == prefix:
        source.fail(id_key, f"prompt id {raw_id!r} must start with {prefix!r}, like {example!r}")
    ids.add(source, id_key, raw_id)
    text_key = _join(key, "text")
    text = source.text(table["text"], text_key)
    texts.add(source, text_key, text)
    equity = source.boolean(table["equity"], _join(key, "equity")) if "equity" in table else False
    return ReflectionPrompt(id=raw_id, stage=stage, text=text, equity=equity)


def _load_reflections(
    source: _Source, data: dict[str, object], ids: _Unique, texts: _Unique
) -> dict[CycleStage, tuple[ReflectionPrompt, ...]]:
    top = source.table(data, "", required=_STAGE_IDS)
    prompts: dict[CycleStage, tuple[ReflectionPrompt, ...]] = {}
    for stage in CycleStage:
        key = stage.value
        entries = source.array(top[key], key, "prompts")
        group = tuple(
            _prompt(source, entry, _item(key, index), stage, ids, texts)
            for index, entry in enumerate(entries)
        )
        if len(group) < MIN_PROMPTS_PER_STAGE:
            source.fail(
                key,
                f"has {len(group)} prompts; each stage needs at least {MIN_PROMPTS_PER_STAGE}",
            )
        equity = [p.id for p in group if p.equity]
        if len(equity) != 1:
            found = f"{len(equity)} ({', '.join(equity)})" if equity else "none"
            source.fail(
                key,
                f"needs exactly one prompt with equity = true (the stage's equity lens); "
                f"found {found}",
            )
        prompts[stage] = group
    return prompts


def _scale(source: _Source, value: object, key: str) -> tuple[ScalePoint, ...]:
    labels = _Unique("label", _loose)
    points: list[ScalePoint] = []
    for index, entry in enumerate(source.array(value, key, "scale points")):
        entry_key = _item(key, index)
        table = source.table(entry, entry_key, required=("value", "label"))
        label_key = _join(entry_key, "label")
        point = ScalePoint(
            value=source.integer(table["value"], _join(entry_key, "value")),
            label=source.text(table["label"], label_key),
        )
        labels.add(source, label_key, point.label)
        points.append(point)
    values = tuple(p.value for p in points)
    if values != SCALE_VALUES:
        expected = ", ".join(str(v) for v in SCALE_VALUES)
        got = ", ".join(str(v) for v in values)
        source.fail(key, f"values must be exactly {expected}, in that order; got {got}")
    return tuple(points)


def _load_session(
    source: _Source, data: dict[str, object], ids: _Unique, texts: _Unique
) -> tuple[tuple[ReflectionPrompt, ...], CheckInText, PulseText]:
    top = source.table(data, "", required=("closing", "checkin", "pulse"))
    closing = tuple(
        _prompt(source, entry, _item("closing", index), None, ids, texts)
        for index, entry in enumerate(source.array(top["closing"], "closing", "prompts"))
    )
    checkin_table = source.table(
        top["checkin"], "checkin", required=("question", "scale", "word_hint")
    )
    checkin = CheckInText(
        question=source.text(checkin_table["question"], "checkin.question"),
        scale=_scale(source, checkin_table["scale"], "checkin.scale"),
        word_hint=source.text(checkin_table["word_hint"], "checkin.word_hint"),
    )
    pulse_table = source.table(
        top["pulse"],
        "pulse",
        required=("relevant_question", "relevant_scale", "recommend_question"),
    )
    pulse = PulseText(
        relevant_question=source.text(pulse_table["relevant_question"], "pulse.relevant_question"),
        relevant_scale=_scale(source, pulse_table["relevant_scale"], "pulse.relevant_scale"),
        recommend_question=source.text(
            pulse_table["recommend_question"], "pulse.recommend_question"
        ),
    )
    return closing, checkin, pulse


def _load_norms(source: _Source, data: dict[str, object]) -> tuple[str, ...]:
    top = source.table(data, "", required=("norms",))
    return source.texts(top["norms"], "norms", "norm")


# --- public ------------------------------------------------------------------------------------


def load_library(directory: Path | Traversable, language: str) -> PromptLibrary:
    """Read and check the four files of one language folder."""
    if not _LANGUAGE_RE.fullmatch(language):
        raise LibraryError(
            str(directory), "", f"{language!r} is not a language code such as 'en' or 'pt-BR'"
        )
    ids = _Unique("prompt id")
    prompt_texts = _Unique("prompt text", _loose)

    stages = _load_stages(*_read(directory, STAGES_FILE))
    reflections_source, reflections_data = _read(directory, REFLECTIONS_FILE)
    prompts = _load_reflections(reflections_source, reflections_data, ids, prompt_texts)
    session_source, session_data = _read(directory, SESSION_FILE)
    closing, checkin, pulse = _load_session(session_source, session_data, ids, prompt_texts)
    norms = _load_norms(*_read(directory, NORMS_FILE))

    return PromptLibrary(
        language=language,
        stages=MappingProxyType(stages),
        prompts=MappingProxyType(prompts),
        closing_prompts=closing,
        default_norms=norms,
        checkin=checkin,
        pulse=pulse,
    )


def load_libraries(root: Path | Traversable | None = None, *, default: str = "en") -> Libraries:
    """Load every language folder under `root` (default: the installed `prompts` package).

    Folders whose names start with `_` or `.` (such as `__pycache__`) are skipped.
    """
    base: Traversable = importlib.resources.files("prompts") if root is None else root
    by_language: dict[str, PromptLibrary] = {}
    for child in sorted(base.iterdir(), key=lambda entry: entry.name):
        if not child.is_dir() or child.name.startswith(("_", ".")):
            continue
        by_language[child.name] = load_library(child, child.name)
    if not by_language:
        raise LibraryError(
            str(base), "", f"no language folders found; expected e.g. en/ with {', '.join(FILES)}"
        )
    if default not in by_language:
        found = ", ".join(sorted(by_language))
        raise LibraryError(
            str(base), "", f"no library for the default language {default!r} (found: {found})"
        )
    return Libraries(by_language, default=default)
