"""How a translated language folder is compared with English's (tests/test_library_parity.py).

A folder is read into two flat maps keyed by where a thing is (`reflections.analyze-7`,
`protocols.tuning.step[2].prompt`, `credentials.formative-data.parts.context.title`):
`facts`, what must be the same in every language (ids, stages, equity flags, minutes, part
kinds, word ranges), and `texts`, what a translator writes. A translation has the same keys,
the same facts, and texts that are written (not empty, not English's) with the same
placeholders."""

from __future__ import annotations

import string
from pathlib import Path

from bot.credential_catalog import FOLDER, load_catalog
from bot.library import PromptLibrary, ScalePoint
from bot.library_loader import load_library

Facts = dict[str, object]
Texts = dict[str, str]
NOT_COMPARED = ("parts", "plcbot.po", "plcbot.mo")  # the UI catalogs are checked by tools/i18n


def _scale(prefix: str, points: tuple[ScalePoint, ...], facts: Facts, texts: Texts) -> None:
    for n, point in enumerate(points):
        facts[f"{prefix}[{n}].value"] = point.value
        texts[f"{prefix}[{n}].label"] = point.label


def _library(library: PromptLibrary, facts: Facts, texts: Texts) -> None:
    for stage, info in library.stages.items():
        key = f"stages.{stage.value}"
        facts[f"{key}.protocol"] = info.protocol.id
        texts |= {f"{key}.name": info.name, f"{key}.purpose": info.purpose}
        texts[f"{key}.introduction"] = info.introduction
        texts |= {f"{key}.nudges[{n}]": nudge for n, nudge in enumerate(info.nudges)}
    for prompt in (*(p for g in library.prompts.values() for p in g), *library.closing_prompts):
        key = f"reflections.{prompt.id}"
        facts[f"{key}.stage"] = prompt.stage.value if prompt.stage else "closing"
        facts[f"{key}.equity"] = prompt.equity
        texts[key] = prompt.text
    texts["checkin.question"] = library.checkin.question
    texts["checkin.word_hint"] = library.checkin.word_hint
    _scale("checkin.scale", library.checkin.scale, facts, texts)
    texts["pulse.relevant_question"] = library.pulse.relevant_question
    texts["pulse.recommend_question"] = library.pulse.recommend_question
    _scale("pulse.relevant_scale", library.pulse.relevant_scale, facts, texts)
    texts |= {f"norms[{n}]": norm for n, norm in enumerate(library.default_norms)}
    for protocol in library.protocols.values():
        key = f"protocols.{protocol.id}"
        facts[f"{key}.stages"] = tuple(s.value for s in protocol.stages)
        texts |= {f"{key}.name": protocol.name, f"{key}.purpose": protocol.purpose}
        for n, step in enumerate(protocol.steps):
            facts[f"{key}.step[{n}].minutes"] = step.minutes
            texts[f"{key}.step[{n}].name"] = step.name
            texts[f"{key}.step[{n}].prompt"] = step.prompt


def _credentials(folder: Path, facts: Facts, texts: Texts) -> None:
    for c in load_catalog([folder], shipped=False).credentials:
        key = f"credentials.{c.id}"
        texts |= {f"{key}.title": c.title, f"{key}.competency": c.competency}
        texts |= {f"{key}.key_method": c.key_method, f"{key}.guidance": c.guidance}
        if c.issuer:
            texts[f"{key}.issuer"] = c.issuer
        for n, part in enumerate(c.parts):
            at = f"{key}.parts[{n}]"
            facts |= {f"{at}.id": part.id, f"{at}.kind": part.kind.value}
            facts[f"{at}.words"] = part.words
            texts |= {f"{at}.title": part.title, f"{at}.guidance": part.guidance}
            if part.must_show:
                texts[f"{at}.must_show"] = part.must_show


def read(folder: Path) -> tuple[Facts, Texts]:
    """What a language folder holds: its facts and its texts."""
    facts: Facts = {}
    texts: Texts = {}
    _library(load_library(folder, folder.name), facts, texts)
    if (folder / FOLDER).is_dir():
        _credentials(folder / FOLDER, facts, texts)
    return facts, texts


def files(folder: Path) -> set[str]:
    """The data files of a language folder, by their path inside it."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).parts[0] not in NOT_COMPARED
    }


def placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def differences(english: Path, other: Path, same_words: frozenset[str] = frozenset()) -> list[str]:
    """Every way `other` is not a complete translation of `english`, one line each.
    `same_words`: texts rightly the same in both (proper names)."""
    found = [f"{name}: missing" for name in sorted(files(english) - files(other))]
    found += [f"{name}: not in English" for name in sorted(files(other) - files(english))]
    en_facts, en_texts = read(english)
    facts, texts = read(other)
    for key in sorted(en_facts.keys() | facts.keys()):
        if key not in facts or key not in en_facts:
            found.append(f"{key}: {'missing' if key not in facts else 'not in English'}")
        elif facts[key] != en_facts[key]:
            found.append(f"{key}: {facts[key]!r}, English has {en_facts[key]!r}")
    for key in sorted(en_texts.keys() | texts.keys()):
        if key not in texts or key not in en_texts:
            found.append(f"{key}: {'missing' if key not in texts else 'not in English'}")
        elif texts[key] == en_texts[key] and texts[key] not in same_words:
            found.append(f"{key}: the same as English, not translated")
        elif placeholders(texts[key]) != placeholders(en_texts[key]):
            found.append(
                f"{key}: placeholders {placeholders(texts[key])}, English has "
                f"{placeholders(en_texts[key])}"
            )
    return found
