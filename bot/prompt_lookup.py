"""A reflection prompt by the id a delivery carries: the library's (`analyze-3`) or a team's
own (`team-7`, bot.rules.prompts), retired or not, so an answer always shows its question."""

from __future__ import annotations

from bot.domain import CycleStage
from bot.library import PromptLibrary, ReflectionPrompt
from bot.ports import UnitOfWork
from bot.rules.prompts import TeamPrompt, team_prompt_number


def as_reflection_prompt(prompt: TeamPrompt) -> ReflectionPrompt:
    return ReflectionPrompt(id=prompt.prompt_id, stage=prompt.stage, text=prompt.text)


async def find_prompt(
    uow: UnitOfWork, library: PromptLibrary, community_id: str, prompt_id: str
) -> ReflectionPrompt | None:
    number = team_prompt_number(prompt_id)
    if number is None:
        return library.prompt(prompt_id)
    held = await uow.team_prompts.get(community_id, number)
    return as_reflection_prompt(held) if held is not None else None


async def stage_prompts(
    uow: UnitOfWork, library: PromptLibrary, community_id: str, team_id: int, stage: CycleStage
) -> tuple[ReflectionPrompt, ...]:
    """A stage's prompts as the team sees them, numbered from 1 in this order: the library's,
    then the team's own still in use, oldest first."""
    own = await uow.team_prompts.for_team(community_id, team_id)
    return (
        *library.prompts_for(stage),
        *(as_reflection_prompt(p) for p in own if p.stage is stage),
    )
