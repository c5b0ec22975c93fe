"""A team's own reflection prompts: how one is written, held to the library's rules.

A team prompt is one line of at most PROMPT_MAX characters, without control characters or
bidirectional embeddings, overrides and isolates (bot.rules.norms explains why: it is shown in
numbered lists and on prompt cards). It belongs to a stage, gets the id `team-<n>` (so
deliveries refer to it as they do to the library's `analyze-3`), and is retired rather than
deleted: reflections written to it keep their prompt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.domain import CycleStage
from bot.i18n import _, ngettext
from bot.rules.norms import norm_text

PROMPT_MAX = 500
TEAM_PREFIX = "team-"
_TEAM_ID = re.compile(r"team-(\d{1,9})")


class PromptRule(ValueError):
    """A prompt the rules refuse; the message says why and what to do."""


@dataclass(frozen=True)
class TeamPrompt:
    community_id: str
    team_id: int
    stage: CycleStage
    text: str
    created_at: datetime
    retired_at: datetime | None = None
    id: int = 0

    @property
    def prompt_id(self) -> str:
        return f"{TEAM_PREFIX}{self.id}"


def team_prompt_number(prompt_id: str) -> int | None:
    """The row id in `team-<n>`, or None when the id is not a team prompt's."""
    m = _TEAM_ID.fullmatch(prompt_id)
    return int(m.group(1)) if m else None


def prompt_text(raw: str, existing: tuple[str, ...] = ()) -> str:
    """`raw` as a team prompt is kept, or PromptRule saying what is wrong."""
    text = norm_text(raw)
    if not text:
        raise PromptRule(_("A prompt needs some words: the question the team will answer."))
    if len(text) > PROMPT_MAX:
        raise PromptRule(
            ngettext(
                "A prompt can be up to {most} characters; this one has {n}.",
                "A prompt can be up to {most} characters; this one has {n}.",
                len(text),
            ).format(most=PROMPT_MAX, n=len(text))
        )
    if any(t.casefold() == text.casefold() for t in existing):
        raise PromptRule(_("That prompt is already on this stage's list."))
    return text
