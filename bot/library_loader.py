"""Load the prompt library from `prompts/<lang>/*.toml`, checking every file thoroughly.

A language folder holds five files:

- `protocols.toml`: `[[protocol]]` tables with `id`, `name`, `purpose`, `stages` and 3 to 8
  `[[protocol.step]]` tables (`name`, `minutes`, `prompt`): the protocols a team can run;
- `stages.toml`: one table per stage (`analyze`, `goals`, `learn`, `implement`, `monitor`) with
  `name`, `purpose`, `introduction`, `protocol` (the id of a protocol that fits the stage) and
  `nudges`;
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

import importlib.resources
import re
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from bot.library import Libraries, PromptLibrary
from bot.library_files import (
    MIN_PROMPTS_PER_STAGE,
    SCALE_VALUES,
    load_norms,
    load_reflections,
    load_session,
    load_stages,
)
from bot.library_protocols import load_protocols
from bot.library_source import LibraryError, read_file
from bot.toml_reader import Unique, loose

__all__ = [
    "FILES",
    "MIN_PROMPTS_PER_STAGE",
    "NORMS_FILE",
    "PROTOCOLS_FILE",
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
PROTOCOLS_FILE = "protocols.toml"
FILES = (STAGES_FILE, REFLECTIONS_FILE, SESSION_FILE, NORMS_FILE, PROTOCOLS_FILE)

_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


# --- public ------------------------------------------------------------------------------------


def load_library(directory: Path | Traversable, language: str) -> PromptLibrary:
    """Read and check the five files of one language folder."""
    if not _LANGUAGE_RE.fullmatch(language):
        raise LibraryError(
            str(directory), "", f"{language!r} is not a language code such as 'en' or 'pt-BR'"
        )
    ids = Unique("prompt id")
    prompt_texts = Unique("prompt text", loose)

    protocols = load_protocols(*read_file(directory, PROTOCOLS_FILE))
    stages = load_stages(*read_file(directory, STAGES_FILE), protocols)
    reflections_source, reflections_data = read_file(directory, REFLECTIONS_FILE)
    prompts = load_reflections(reflections_source, reflections_data, ids, prompt_texts)
    session_source, session_data = read_file(directory, SESSION_FILE)
    closing, checkin, pulse = load_session(session_source, session_data, ids, prompt_texts)
    norms = load_norms(*read_file(directory, NORMS_FILE))

    return PromptLibrary(
        language=language,
        stages=MappingProxyType(stages),
        prompts=MappingProxyType(prompts),
        closing_prompts=closing,
        default_norms=norms,
        checkin=checkin,
        pulse=pulse,
        protocols=MappingProxyType(protocols),
    )


def load_libraries(root: Path | Traversable | None = None, *, default: str = "en") -> Libraries:
    """Load every language folder under `root` (default: the installed `prompts` package).

    Folders whose names start with `_` or `.` (such as `__pycache__`) are skipped, and so is
    a folder with no TOML at all: it holds only a language's UI catalog (issue 16), which a
    person may choose before the language has a prompt library.
    """
    base: Traversable = importlib.resources.files("prompts") if root is None else root
    by_language: dict[str, PromptLibrary] = {}
    for child in sorted(base.iterdir(), key=lambda entry: entry.name):
        if not child.is_dir() or child.name.startswith(("_", ".")):
            continue
        if not any(entry.name.endswith(".toml") for entry in child.iterdir()):
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
