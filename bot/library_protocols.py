"""`protocols.toml`, read and checked: the protocols a team can run (bot.protocols). Every
problem is a LibraryError naming the file and the key path, such as `protocol[2].step[1].minutes`
(see bot/library_loader.py)."""

from __future__ import annotations

import re

from bot.domain import CycleStage
from bot.library_source import LibrarySource as _Source
from bot.protocols import MOST_MINUTES, ProtocolInfo, ProtocolStep
from bot.toml_reader import Unique, describe, join, loose

FEWEST_STEPS = 3
MOST_STEPS = 8
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STAGE_IDS = tuple(stage.value for stage in CycleStage)
_KEYS = ("id", "name", "purpose", "stages", "step")
_STEP_KEYS = ("name", "minutes", "prompt")


def _id(source: _Source, value: object, key: str, ids: Unique) -> str:
    if not isinstance(value, str):
        source.fail(key, f"expected a string, got {describe(value)}")
    if not _ID_RE.fullmatch(value):
        source.fail(
            key,
            f"protocol id {value!r} must be lowercase letters, digits and hyphens, "
            "like 'notice-and-wonder'",
        )
    ids.add(source, key, value)
    return value


def _stages(source: _Source, value: object, key: str) -> tuple[CycleStage, ...]:
    stages: list[CycleStage] = []
    for index, entry in enumerate(source.array(value, key, "stages")):
        where = f"{key}[{index}]"
        if entry not in _STAGE_IDS:
            source.fail(
                where, f"unknown stage {entry!r} (expected one of: {', '.join(_STAGE_IDS)})"
            )
        if CycleStage(entry) in stages:
            source.fail(where, f"stage {entry!r} is listed twice")
        stages.append(CycleStage(entry))
    return tuple(stages)


def _step(source: _Source, value: object, key: str, names: Unique) -> ProtocolStep:
    table = source.table(value, key, required=_STEP_KEYS)
    name = source.text(table["name"], join(key, "name"))
    names.add(source, join(key, "name"), name)
    minutes = source.integer(table["minutes"], join(key, "minutes"))
    if not 1 <= minutes <= MOST_MINUTES:
        source.fail(
            join(key, "minutes"), f"{minutes} minutes; a step takes 1 to {MOST_MINUTES} minutes"
        )
    return ProtocolStep(name, minutes, source.text(table["prompt"], join(key, "prompt")))


def _protocol(source: _Source, value: object, key: str, ids: Unique, names: Unique) -> ProtocolInfo:
    table = source.table(value, key, required=_KEYS)
    protocol_id = _id(source, table["id"], join(key, "id"), ids)
    name = source.text(table["name"], join(key, "name"))
    names.add(source, join(key, "name"), name)
    step_names = Unique("step name", loose)
    steps = tuple(
        _step(source, entry, where, step_names)
        for where, entry in source.tables(table["step"], join(key, "step"), "steps")
    )
    if not FEWEST_STEPS <= len(steps) <= MOST_STEPS:
        source.fail(
            join(key, "step"),
            f"has {len(steps)} step{'' if len(steps) == 1 else 's'}; "
            f"a protocol has {FEWEST_STEPS} to {MOST_STEPS}",
        )
    return ProtocolInfo(
        id=protocol_id,
        name=name,
        purpose=source.text(table["purpose"], join(key, "purpose")),
        stages=_stages(source, table["stages"], join(key, "stages")),
        steps=steps,
    )


def load_protocols(source: _Source, data: dict[str, object]) -> dict[str, ProtocolInfo]:
    """The protocols by id, in the file's order."""
    top = source.table(data, "", required=("protocol",))
    ids = Unique("protocol id")
    names = Unique("protocol name", loose)
    found = [
        _protocol(source, entry, where, ids, names)
        for where, entry in source.tables(top["protocol"], "protocol", "protocols")
    ]
    if not found:
        source.fail("protocol", "is empty; expected at least one protocol")
    return {p.id: p for p in found}


def stage_protocol(
    source: _Source, value: object, key: str, stage: CycleStage, protocols: dict[str, ProtocolInfo]
) -> ProtocolInfo:
    """A stage's `protocol`: the id of one in protocols.toml that fits the stage."""
    if not isinstance(value, str):
        source.fail(key, f"expected a protocol id, got {describe(value)}")
    protocol = protocols.get(value)
    if protocol is None:
        source.fail(key, f"unknown protocol {value!r} (protocols.toml has: {', '.join(protocols)})")
    if stage not in protocol.stages:
        source.fail(
            key,
            f"protocol {value!r} does not list {stage.value!r} among its stages in protocols.toml",
        )
    return protocol
