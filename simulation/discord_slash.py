"""A line the simulation would type (`/plc role grant <@9…> facilitator`) as Discord's client
sends it: the slash command's words, found in the command list the adapter synced, and its
options by name. People on Discord pick a command and fill in its options; this is that
picking, done from the same words every community's people use.

Each word that names a sub-command or group walks down the synced tree (`norms` alone is
`norms show`, `set tz` is `set-tz`); then `--private` fills the option with that choice,
`<@id>` the next person option, `first..last` a pair of date options, a word that names a
true/false option (`all`) sets it; the rest fill the text and number options in order, the
last one taking every word left. Double quotes hold words together.

Or the line names its options as Discord's composer shows them once picked: `what: place
fractions measure: unit exit ticket`, `owner: <@9…> due: 2026-12-03`. A line whose first option
word is one of the command's option names followed by a colon is read that way: each option
takes the words up to the next option name with a colon."""

from __future__ import annotations

import re
from typing import Any

Json = dict[str, Any]
WORD = re.compile(r'"([^"]*)"|(\S+)')
MENTION = re.compile(r"<@!?(\d+)>")
LABEL = re.compile(r"([a-z_]+):")
STRING, INTEGER, BOOLEAN, USER = 3, 4, 5, 6
SUBCOMMAND, GROUP = 1, 2


class NotACommand(ValueError):
    """The line names no synced command, or its words do not fit the command's options."""


def slash(commands: list[Json], line: str) -> tuple[str, dict[str, Any]]:
    """("plc role grant", {"user": 9…, "role": "facilitator"}) for "/plc role grant <@9…> …"."""
    text = line.strip().lstrip("/")
    words = [(m.group(1) if m.group(1) is not None else m.group(2), m) for m in WORD.finditer(text)]
    if not words:
        raise NotACommand("an empty line")
    roots = {c["name"] for c in commands}
    if len(words) > 1 and words[0][0] == "plc" and words[1][0] in roots:
        words = words[1:]  # a group that is a command of its own: `/credential start`
    node = next((c for c in commands if c["name"] == words[0][0]), None)
    if node is None:
        raise NotACommand(f"/{words[0][0]} is not a synced command")
    path, rest = _walk(node, [words[0][0]], words[1:])
    leaf = _leaf(node, path[1:])
    return " ".join(path), _options(leaf, rest, text)


def _children(node: Json) -> list[Json]:
    return [o for o in node.get("options") or [] if o["type"] in (SUBCOMMAND, GROUP)]


def _walk(
    node: Json, path: list[str], words: list[tuple[str, re.Match[str]]]
) -> tuple[list[str], list[tuple[str, re.Match[str]]]]:
    while _children(node):
        names = {c["name"]: c for c in _children(node)}
        one = words[0][0] if words else ""
        two = f"{one}-{words[1][0]}" if len(words) > 1 else ""
        if two in names:
            node, words = names[two], words[2:]
        elif one in names:
            node, words = names[one], words[1:]
        elif (folded := _folded(names, two)) is not None:  # `/plc session protocol-start`
            path.append(folded["name"])
            node, words = _leaf(folded, [two]), words[2:]
        elif (folded := _folded(names, one)) is not None:  # `/plc session decision`
            path.append(folded["name"])
            node, words = _leaf(folded, [one]), words[1:]
        elif "show" in names:
            node = names["show"]
        else:
            raise NotACommand(f"/{' '.join(path)}: no sub-command {one!r}")
        path.append(node["name"])
    return path, words


def _folded(names: dict[str, Json], name: str) -> Json | None:
    """The group a command was folded into (Discord allows 25 sub-commands per level)."""
    groups = (g for g in names.values() if g["type"] == GROUP)
    return next((g for g in groups if name and any(c["name"] == name for c in _children(g))), None)


def _leaf(root: Json, names: list[str]) -> Json:
    node = root
    for name in names:
        node = next(c for c in _children(node) if c["name"] == name)
    return node


def _options(leaf: Json, words: list[tuple[str, re.Match[str]]], text: str) -> dict[str, Any]:
    specs = leaf.get("options") or []
    named = {o["name"]: o for o in specs}
    if words and _label(words[0], named, set()) is not None:
        return _named(leaf, words, text)
    out: dict[str, Any] = {}
    for n, (word, m) in enumerate(words):
        quoted = m.group(1) is not None
        choice = word[2:] if word.startswith("--") and not quoted else None
        chosen = next((o for o in specs if choice in _choices(o)), None) if choice else None
        mention = MENTION.fullmatch(word)
        person = next((o for o in specs if o["type"] == USER and o["name"] not in out), None)
        if chosen is not None:
            out[chosen["name"]] = choice
        elif mention and person is not None:
            out[person["name"]] = int(mention.group(1))
        elif ".." in word and not quoted and {"first", "last"} <= set(named):
            out["first"], out["last"] = word.split("..", 1)
        elif not quoted and named.get(word, {}).get("type") == BOOLEAN:
            out[word] = True
        else:
            left = [o for o in specs if o["type"] in (STRING, INTEGER) and o["name"] not in out]
            if not left:
                raise NotACommand(f"/{leaf['name']}: nothing takes {word!r}")
            spec = left[0]
            if spec["type"] == INTEGER:
                out[spec["name"]] = int(word)
            elif len(left) == 1 and not quoted and n < len(words) - 1:
                out[spec["name"]] = text[m.start() :].strip()  # the last one takes the rest
                return out
            else:
                out[spec["name"]] = word
    return out


def _choices(spec: Json) -> list[Any]:
    return [c["value"] for c in spec.get("choices") or []]


def _label(
    word: tuple[str, re.Match[str]], named: dict[str, Json], filled: set[str]
) -> Json | None:
    """The option `what:` names, if it is one of the command's and not filled yet."""
    label = LABEL.fullmatch(word[0]) if word[1].group(1) is None else None
    return named.get(label.group(1)) if label and label.group(1) not in filled else None


def _named(leaf: Json, words: list[tuple[str, re.Match[str]]], text: str) -> dict[str, Any]:
    """`what: place fractions measure: unit exit ticket` → {"what": …, "measure": …}."""
    named = {o["name"]: o for o in leaf.get("options") or []}
    labels: list[tuple[Json, re.Match[str]]] = []  # each option named, at its label
    for word, m in words:
        spec = _label((word, m), named, {s["name"] for s, _ in labels})
        if spec is not None:
            labels.append((spec, m))
    ends = [m.start() for _, m in labels[1:]] + [len(text)]
    out: dict[str, Any] = {}
    for (spec, m), end in zip(labels, ends, strict=True):
        value = text[m.end() : end].strip()
        if len(value) > 1 and value[0] == value[-1] == '"':
            value = value[1:-1]
        if not value:
            raise NotACommand(f"/{leaf['name']}: {spec['name']}: has no value")
        out[spec["name"]] = _typed(spec, value)
    return out


def _typed(spec: Json, value: str) -> Any:
    if spec["type"] == INTEGER:
        return int(value)
    if spec["type"] == BOOLEAN:
        return value.lower() in ("true", "yes")
    if spec["type"] == USER:
        mention = MENTION.fullmatch(value)
        if mention is None:
            raise NotACommand(f"{spec['name']}: {value!r} is not a person")
        return int(mention.group(1))
    return value
