"""The prompt library: stage texts, reflection prompts, norms, the check-in scale and the
feedback pulse, in one language. Loaded from `prompts/<lang>/*.toml` by `bot.library_loader`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain import CycleStage
from bot.protocols import ProtocolInfo

# Placeholders a text may use, by where it appears. Anything else is an error in the data.
NUDGE_PLACEHOLDERS = frozenset({"team", "stage", "cycle"})
INTRO_PLACEHOLDERS = frozenset({"team", "stage", "cycle"})


@dataclass(frozen=True)
class StageInfo:
    stage: CycleStage
    name: str  # "Analyze student data"
    purpose: str  # one sentence: why the team is in this stage
    introduction: str  # posted when the team enters the stage
    protocol: ProtocolInfo  # suggested for the stage's meeting (runnable: /plc protocol start)
    nudges: tuple[str, ...]  # posted by the stage_nudge schedule, rotating

    @property
    def protocol_name(self) -> str:
        return self.protocol.name

    @property
    def protocol_steps(self) -> tuple[str, ...]:
        return tuple(f"{s.name}: {s.prompt}" for s in self.protocol.steps)


@dataclass(frozen=True)
class ReflectionPrompt:
    id: str  # stable, e.g. "analyze-3"; deliveries refer to it
    stage: CycleStage | None  # None for session-close prompts
    text: str
    equity: bool = False


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str  # "1 — running on empty"


@dataclass(frozen=True)
class CheckInText:
    question: str  # "How are you arriving?"
    scale: tuple[ScalePoint, ...]  # exactly 1..5
    word_hint: str  # "Add one word if you like"


@dataclass(frozen=True)
class PulseText:
    relevant_question: str
    relevant_scale: tuple[ScalePoint, ...]  # 1 strongly disagree .. 5 strongly agree
    recommend_question: str


@dataclass(frozen=True)
class PromptLibrary:
    language: str
    stages: Mapping[CycleStage, StageInfo]
    prompts: Mapping[CycleStage, tuple[ReflectionPrompt, ...]]
    closing_prompts: tuple[ReflectionPrompt, ...]
    default_norms: tuple[str, ...]
    checkin: CheckInText
    pulse: PulseText
    protocols: Mapping[str, ProtocolInfo]  # by id, in the library's order

    def stage(self, stage: CycleStage) -> StageInfo:
        return self.stages[stage]

    def prompts_for(self, stage: CycleStage) -> tuple[ReflectionPrompt, ...]:
        return self.prompts[stage]

    def prompt(self, prompt_id: str) -> ReflectionPrompt | None:
        for group in (*self.prompts.values(), self.closing_prompts):
            for p in group:
                if p.id == prompt_id:
                    return p
        return None

    def find_protocol(self, words: str) -> ProtocolInfo | None:
        """A protocol by its id or its name, whatever the case and spacing."""
        key = _loose(words)
        for protocol in self.protocols.values():
            if key in (_loose(protocol.id), _loose(protocol.name)):
                return protocol
        return None


def _loose(words: str) -> str:
    return " ".join(words.casefold().replace("-", " ").split())


class Libraries:
    """The libraries by language, with a fallback language."""

    def __init__(self, by_language: Mapping[str, PromptLibrary], default: str = "en") -> None:
        if default not in by_language:
            raise ValueError(f"no prompt library for the default language {default!r}")
        self._by_language = dict(by_language)
        self.default = default

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_language))

    def get(self, language: str) -> PromptLibrary:
        return self._by_language.get(language, self._by_language[self.default])
