"""`/plc me language`: the person's own language, as a typed option (issue 16). The word is read
by the core's rule (`auto`, `es`, `es-419`), which refuses a language it does not speak."""

from __future__ import annotations

from discord import app_commands

from adapters.discord.slash import Callback, Interaction, door
from bot.api import N_, language_choice


@app_commands.describe(language=N_("A language code, like es or en, or auto"))
async def me_language(interaction: Interaction, language: str) -> None:
    await door(interaction, lambda: language_choice(language))


LANGUAGE_TYPED: dict[str, Callback] = {"me language": me_language}
