"""The four files of a language folder, read and checked: stages, reflection prompts, the
session texts (closing prompts, check-in and pulse) and the default norms. Every problem is
a LibraryError naming the file and the key path (see bot/library_loader.py)."""

from __future__ import annotations

import re

from bot.domain import CycleStage
from bot.library import (
    INTRO_PLACEHOLDERS,
    NUDGE_PLACEHOLDERS,
    CheckInText,
    PulseText,
    ReflectionPrompt,
    ScalePoint,
    StageInfo,
)
from bot.library_protocols import stage_protocol
from bot.library_source import LibrarySource as _Source
from bot.protocols import ProtocolInfo
from bot.rules.norms import MOST_NORMS, norm_problem, norm_text
from bot.rules.score import SCALE
from bot.toml_reader import Unique, describe, item, join, loose

MIN_PROMPTS_PER_STAGE = 6
SCALE_VALUES = SCALE  # bot.rules.score
CLOSING_PREFIX = "close-"

_STAGE_IDS = tuple(stage.value for stage in CycleStage)
_STAGE_KEYS = ("name", "purpose", "introduction", "protocol", "nudges")
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_stages(
    source: _Source, data: dict[str, object], protocols: dict[str, ProtocolInfo]
) -> dict[CycleStage, StageInfo]:
    top = source.table(data, "", required=_STAGE_IDS)
    names = Unique("stage name", loose)
    nudges = Unique("nudge", loose)
    stages: dict[CycleStage, StageInfo] = {}
    for stage in CycleStage:
        key = stage.value
        table = source.table(top[key], key, required=_STAGE_KEYS)
        name = source.text(table["name"], join(key, "name"))
        names.add(source, join(key, "name"), name)
        stages[stage] = StageInfo(
            stage=stage,
            name=name,
            purpose=source.text(table["purpose"], join(key, "purpose")),
            introduction=source.text(
                table["introduction"], join(key, "introduction"), INTRO_PLACEHOLDERS
            ),
            protocol=stage_protocol(
                source, table["protocol"], join(key, "protocol"), stage, protocols
            ),
            nudges=source.texts(
                table["nudges"], join(key, "nudges"), "nudge", NUDGE_PLACEHOLDERS, nudges
            ),
        )
    return stages


def _prompt(
    source: _Source,
    value: object,
    key: str,
    stage: CycleStage | None,
    ids: Unique,
    texts: Unique,
) -> ReflectionPrompt:
    table = source.table(value, key, required=("id", "text"), optional=("equity",))
    id_key = join(key, "id")
    raw_id = table["id"]
    if not isinstance(raw_id, str):
        source.fail(id_key, f"expected a string, got {describe(raw_id)}")
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
    text_key = join(key, "text")
    text = source.text(table["text"], text_key)
    texts.add(source, text_key, text)
    equity = source.boolean(table["equity"], join(key, "equity")) if "equity" in table else False
    return ReflectionPrompt(id=raw_id, stage=stage, text=text, equity=equity)


def load_reflections(
    source: _Source, data: dict[str, object], ids: Unique, texts: Unique
) -> dict[CycleStage, tuple[ReflectionPrompt, ...]]:
    top = source.table(data, "", required=_STAGE_IDS)
    prompts: dict[CycleStage, tuple[ReflectionPrompt, ...]] = {}
    for stage in CycleStage:
        key = stage.value
        entries = source.array(top[key], key, "prompts")
        group = tuple(
            _prompt(source, entry, item(key, index), stage, ids, texts)
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
    labels = Unique("label", loose)
    points: list[ScalePoint] = []
    for index, entry in enumerate(source.array(value, key, "scale points")):
        entry_key = item(key, index)
        table = source.table(entry, entry_key, required=("value", "label"))
        label_key = join(entry_key, "label")
        point = ScalePoint(
            value=source.integer(table["value"], join(entry_key, "value")),
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


def load_session(
    source: _Source, data: dict[str, object], ids: Unique, texts: Unique
) -> tuple[tuple[ReflectionPrompt, ...], CheckInText, PulseText]:
    top = source.table(data, "", required=("closing", "checkin", "pulse"))
    closing = tuple(
        _prompt(source, entry, item("closing", index), None, ids, texts)
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


def load_norms(source: _Source, data: dict[str, object]) -> tuple[str, ...]:
    """The default norms, held to the rules a team's own norms meet (bot.rules.norms)."""
    top = source.table(data, "", required=("norms",))
    norms = source.texts(top["norms"], "norms", "norm")
    for index, norm in enumerate(norms):
        problem = norm_problem(norm)
        if norm_text(norm) != norm:
            problem = "must be one line without bidirectional controls, as a team's norms are"
        if problem is not None:
            source.fail(item("norms", index), problem)
    if len(norms) > MOST_NORMS:
        source.fail("norms", f"has {len(norms)} norms; a team keeps at most {MOST_NORMS}")
    return norms
