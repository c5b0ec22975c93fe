"""The prompt library: stage texts, reflection prompts, norms, the check-in scale and the
feedback pulse, in one language. Loaded from `prompts/<lang>/*.toml` by `bot.library_loader`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain import CycleStage

# Placeholders a text may use, by where it appears. Anything else is an error in the data.
NUDGE_PLACEHOLDERS = frozenset({"team", "stage", "cycle"})
INTRO_PLACEHOLDERS = frozenset({"team", "stage", "cycle"})


@dataclass(frozen=True)
class StageInfo:
    stage: CycleStage
    name: str  # "Analyze student data"
    purpose: str  # one sentence: why the team is in this stage
    introduction: str  # posted when the team enters the stage
    protocol_name: str  # a suggested protocol for the stage's meeting
    protocol_steps: tuple[str, ...]
    nudges: tuple[str, ...]  # posted by the stage_nudge schedule, rotating


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
