"""The typed options of the `/plc prompt` commands: see, send, add and retire prompts."""

from __future__ import annotations

from discord import app_commands

from adapters.discord.slash import STAGES, Callback, Interaction, door, given, optional
from bot.api import intents as i
from bot.api import one_line
from bot.api import values as v


@app_commands.describe(stage="The stage whose prompts to show (the team's stage otherwise)")
@app_commands.choices(stage=STAGES)
async def prompt_list(interaction: Interaction, stage: str | None = None) -> None:
    await door(interaction, lambda: i.PromptList(optional(v.stage, stage)))


@app_commands.describe(
    number="The prompt's number in /plc prompt list; leave it out for the next one",
    prompt="Or a prompt id, like learn-2 or team-7",
)
async def prompt_send(
    interaction: Interaction,
    number: app_commands.Range[int, 1, 999] | None = None,
    prompt: str | None = None,
) -> None:
    await door(interaction, lambda: i.PromptSend(optional(str.lower, prompt), number))


@app_commands.describe(stage="The stage the prompt belongs to", text="The question, one line")
@app_commands.choices(stage=STAGES)
async def prompt_add(interaction: Interaction, stage: str, text: str) -> None:
    await door(interaction, lambda: i.PromptAdd(v.stage(stage), one_line(text)))


@app_commands.describe(prompt="The team prompt's id, like team-7, as /plc prompt list shows it")
async def prompt_retire(interaction: Interaction, prompt: str) -> None:
    await door(interaction, lambda: i.PromptRetire((given(prompt) or "").lower()))


PROMPT_TYPED: dict[str, Callback] = {
    "prompt list": prompt_list,
    "prompt send": prompt_send,
    "prompt add": prompt_add,
    "prompt retire": prompt_retire,
}
