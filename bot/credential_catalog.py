"""Load the micro-credential catalog: the shipped `prompts/<lang>/credentials/*.toml` and a
district's own folder (`[credentials] folder` in the config), one credential per file.

Every language folder ships the same credentials (same ids and parts) in its own words; a
language without a `credentials` folder reads English's. `shipped_catalog()` reads the
language being spoken (bot.i18n), so a person's replies show the catalog in their language.

Each file has `id`, `title`, `competency`, `key_method`, `guidance`, an optional `issuer`, and
`[[parts]]` in the issuer's order, each with `id`, `kind` (overview, artifact or reflection),
`title`, `guidance`, `must_show` (artifacts only, required there) and an optional `words =
[min, max]`. Any problem raises CredentialError naming the file and the key path, in the one
TOML reader's wording (bot/toml_reader.py). Standard library only."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

from bot.credentials import Catalog, Credential, Part, PartKind
from bot.i18n import SOURCE, current
from bot.toml_reader import Source, TomlError, Unique, item, join, read_toml

FOLDER = "credentials"
MOST_WORDS = 5000
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = ("id", "title", "competency", "key_method", "guidance", "parts")
_PART_KEYS = ("id", "kind", "title", "guidance")


class CredentialError(TomlError):
    """A problem in a micro-credential file: which file, which key, and what is wrong."""


def _id(source: Source, value: object, key: str) -> str:
    text = source.text(value, key)
    if not _ID_RE.fullmatch(text):
        source.fail(key, f"{text!r} must be lowercase letters, digits and hyphens, like 'my-id'")
    return text


def _words(source: Source, value: object, key: str) -> tuple[int, int]:
    pair = source.array(value, key, "word counts")
    if len(pair) != 2:
        source.fail(key, f"expected two numbers [least, most], got {len(pair)}")
    least, most = (source.integer(v, item(key, n)) for n, v in enumerate(pair))
    if not 0 <= least < most <= MOST_WORDS:
        source.fail(key, f"expected 0 <= least < most <= {MOST_WORDS}, got [{least}, {most}]")
    return least, most


def _part(source: Source, value: object, key: str, ids: Unique) -> Part:
    table = source.table(value, key, required=_PART_KEYS, optional=("must_show", "words"))
    part_id = _id(source, table["id"], join(key, "id"))
    ids.add(source, join(key, "id"), part_id)
    raw_kind = source.text(table["kind"], join(key, "kind"))
    kinds = ", ".join(k.value for k in PartKind)
    if raw_kind not in {k.value for k in PartKind}:
        source.fail(join(key, "kind"), f"unknown kind {raw_kind!r} (expected one of: {kinds})")
    kind = PartKind(raw_kind)
    if kind is PartKind.ARTIFACT and "must_show" not in table:
        source.fail(join(key, "must_show"), "missing key 'must_show': say what the artifact shows")
    if kind is not PartKind.ARTIFACT and "must_show" in table:
        source.fail(join(key, "must_show"), "only an artifact part says what it must show")
    words = table.get("words")
    return Part(
        id=part_id,
        kind=kind,
        title=source.text(table["title"], join(key, "title")),
        guidance=source.text(table["guidance"], join(key, "guidance")),
        must_show=source.text(table["must_show"], join(key, "must_show"))
        if "must_show" in table
        else "",
        words=_words(source, words, join(key, "words")) if words is not None else None,
    )


def load_credential(path: Path | Traversable) -> Credential:
    source = Source(str(path), CredentialError)
    data = source.table(read_toml(path, CredentialError), "", _KEYS, optional=("issuer",))
    ids = Unique("part id")
    parts = tuple(
        _part(source, value, key, ids)
        for key, value in source.tables(data["parts"], "parts", "parts")
    )
    if not parts:
        source.fail("parts", "is empty; expected at least one [[parts]] table")
    return Credential(
        id=_id(source, data["id"], "id"),
        title=source.text(data["title"], "title"),
        competency=source.text(data["competency"], "competency"),
        key_method=source.text(data["key_method"], "key_method"),
        guidance=source.text(data["guidance"], "guidance"),
        parts=parts,
        issuer=source.text(data["issuer"], "issuer") if "issuer" in data else "",
    )


def _files(folder: Path | Traversable) -> list[Path | Traversable]:
    if not folder.is_dir():
        raise CredentialError(str(folder), "", "is not a folder of micro-credential .toml files")
    return sorted(
        (f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file()),
        key=lambda f: f.name,
    )


def shipped_folder(language: str = SOURCE) -> Traversable:
    """`prompts/<language>/credentials`, or English's when that language has none."""
    prompts = importlib.resources.files("prompts")
    folder = prompts.joinpath(language, FOLDER)
    return folder if folder.is_dir() else prompts.joinpath(SOURCE, FOLDER)


def load_catalog(
    folders: Iterable[Path | Traversable] = (), *, shipped: bool = True, language: str = SOURCE
) -> Catalog:
    """The shipped credentials in `language` (unless `shipped` is False), then each folder's,
    by file name. An id used twice is refused with both places named."""
    every: list[Path | Traversable] = []
    if shipped:
        every.append(shipped_folder(language))
    every.extend(folders)
    seen = Unique("micro-credential id")
    credentials: list[Credential] = []
    for folder in every:
        for path in _files(folder):
            credential = load_credential(path)
            seen.add(Source(str(path), CredentialError), "id", credential.id)
            credentials.append(credential)
    return Catalog(tuple(credentials))


_SHIPPED: dict[str, Catalog] = {}


def shipped_catalog(language: str | None = None) -> Catalog:
    """The catalog that ships with plcbot, in `language` (default: the one being spoken),
    read once per language."""
    chosen = language or current()
    if chosen not in _SHIPPED:
        _SHIPPED[chosen] = load_catalog(language=chosen)
    return _SHIPPED[chosen]
